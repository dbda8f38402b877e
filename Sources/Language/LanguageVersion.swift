public enum LanguageVersion { public static let current = 1 }
