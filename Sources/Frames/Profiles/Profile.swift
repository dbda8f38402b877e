/// An operator layout as data: how to find its table, which of its columns
/// are which canonical IPDR columns, and how its dates and times are written.
///
/// The file format is documented in docs/PROFILES.md; `ProfileDecoder` reads it.
public struct Profile: Sendable {
    /// The name `profile=NAME` selects (`dot-ipdr`).
    public var name: String
    /// One line for the `profiles` listing.
    public var description: String
    /// The zone of the file's timestamps, unless `load … with tz=` says otherwise.
    public var zone: Zone?
    /// Canonical (or other) column name ← header texts that mean it.
    public var columns: [ColumnRule]
    /// Split date and time columns joined into one timestamp column.
    public var timestamps: [TimestampRule]
    /// Texts that mark the banner line holding the query (case ignored).
    public var bannerQuery: [String]
    /// Texts that mark footer lines after the table (case ignored).
    public var footers: [String]
    /// Whether a date given as a number is an Excel serial date (days since 1899-12-30).
    public var excelSerialDates: Bool
    /// End times computed from a start column and a duration column.
    public var endTimes: [EndTimeRule]
    /// Header text → the unit its numbers are in (epoch seconds as timestamps, seconds as durations).
    var units: [(header: String, unit: UnitConverter.Unit)] = []
    /// Columns whose equal values make a row a repeat of an earlier one; empty = no dedup.
    public var dedupColumns: [String]
    /// Volumes repeated on every event row of an allocation: warned about, or kept once.
    public var allocationVolume: AllocationVolumeRule?
    /// Whether `profile=auto` may choose the profile (false: only `profile=NAME`).
    public var auto = true
    /// At least this many of a file's header names must be known to the profile for `profile=auto` to choose it.
    public var minimumMatches: Int

    public init(name: String, description: String = "", zone: Zone? = nil, columns: [ColumnRule] = [],
                timestamps: [TimestampRule] = [], bannerQuery: [String] = [], footers: [String] = [],
                excelSerialDates: Bool = false, endTimes: [EndTimeRule] = [], dedupColumns: [String] = [],
                minimumMatches: Int = 3) {
        self.name = name
        self.description = description
        self.zone = zone
        self.columns = columns
        self.timestamps = timestamps
        self.bannerQuery = bannerQuery
        self.footers = footers
        self.excelSerialDates = excelSerialDates
        self.endTimes = endTimes
        self.dedupColumns = dedupColumns
        self.minimumMatches = minimumMatches
    }

    /// A mapping from header texts to one output column.
    public struct ColumnRule: Sendable {
        /// The output name (`msisdn`, `public_ip`, …).
        public var target: String
        /// Header texts that mean it; compared by `HeaderKey`.
        public var headers: [String]

        public init(target: String, headers: [String]) {
            self.target = target
            self.headers = headers
        }
    }

    /// A date column and a time column that together make one timestamp.
    public struct TimestampRule: Sendable {
        /// The output name (`start_time`).
        public var target: String
        /// Header texts of the date column.
        public var dateHeaders: [String]
        /// Header texts of the time-of-day column.
        public var timeHeaders: [String]
        /// How dates are written.
        public var dateLayout: TimestampLayout
        /// The layout as written in the profile (`dd/mm/yyyy`), for messages.
        public var dateFormat: String

        public init(target: String, dateHeaders: [String], timeHeaders: [String], dateLayout: TimestampLayout, dateFormat: String) {
            self.target = target
            self.dateHeaders = dateHeaders
            self.timeHeaders = timeHeaders
            self.dateLayout = dateLayout
            self.dateFormat = dateFormat
        }
    }

    /// An end time as a start timestamp plus a duration.
    public struct EndTimeRule: Sendable {
        /// The output name (`end_time`).
        public var target: String
        /// The start column: output names or header texts (`start_time`, `ts`).
        public var start: [String]
        /// The duration column (a duration, or seconds as a number): output names or header texts.
        public var duration: [String]

        public init(target: String, start: [String], duration: [String]) {
            self.target = target
            self.start = start
            self.duration = duration
        }
    }

    /// An allocation's volume repeated on each of its event rows.
    public struct AllocationVolumeRule: Sendable {
        /// Output columns whose equal values make one allocation.
        public var key: [String]
        /// The volume columns (`bytes_up`, `bytes_down`).
        public var columns: [String]
        /// Keep the volume on each allocation's first row and null it on the
        /// repeats (true), or only warn (false).
        public var keepFirst: Bool
        /// The profile the warning suggests (`dot-ipdr-allocation`).
        public var suggest: String?

        public init(key: [String], columns: [String], keepFirst: Bool, suggest: String? = nil) {
            self.key = key
            self.columns = columns
            self.keepFirst = keepFirst
            self.suggest = suggest
        }
    }

    /// Every header text the profile knows, as comparison keys.
    public var knownHeaderKeys: Set<String> {
        var keys = Set<String>()
        for c in columns { for h in c.headers { keys.insert(HeaderKey.of(h)) } }
        for t in timestamps { for h in t.dateHeaders + t.timeHeaders { keys.insert(HeaderKey.of(h)) } }
        return keys
    }
}

/// The comparison key of a header text: lower case, letters and digits only,
/// so that `Source IP Address`, `source_ip_address` and `SOURCE-IP ADDRESS` match.
public enum HeaderKey {
    public static func of(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }.map(Character.init))
    }
}
