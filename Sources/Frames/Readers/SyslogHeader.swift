/// The header of one syslog line: when, from which host, and where the
/// message starts. Three shapes are read:
///
/// - RFC 5424: `<134>1 2025-10-05T14:03:11.123+05:30 host app procid msgid SD msg`
///   (the time is an instant: it carries its offset);
/// - an ISO 8601 stamp first, as rsyslog's high-precision template writes it:
///   `2025-10-05T14:03:11+05:30 host msg`;
/// - BSD / RFC 3164: `<134>Oct  5 14:03:11 host msg` (no year, no zone: the
///   reader supplies both).
struct SyslogHeader {
    /// The instant, when the header carries a full date.
    var instant: Int64?
    /// Month, day and time of a BSD stamp, which has no year.
    var bsd: (month: Int64, day: Int64, time: Substring)?
    /// The HOSTNAME field (`-` read as nil).
    var host: String?

    /// Parses the header of `line`; nil when the line has none of the three shapes.
    static func parse(_ line: String, zone: Zone) -> SyslogHeader? {
        var rest = Substring(line)
        if rest.first == "<", let close = rest.firstIndex(of: ">"), rest.distance(from: rest.startIndex, to: close) <= 4,
           rest[rest.index(after: rest.startIndex)..<close].allSatisfy(\.isNumber) {
            rest = rest[rest.index(after: close)...]
        }
        let words = rest.split(separator: " ", maxSplits: 5, omittingEmptySubsequences: true)
        guard words.count >= 2 else { return nil }
        if words[0] == "1", words.count >= 3, let t = TimestampParser.parse(String(words[1]), zone: zone), words[1].contains("T") {
            return SyslogHeader(instant: t, bsd: nil, host: words[2] == "-" ? nil : String(words[2]))
        }
        if words[0].count >= 19, words[0].contains("T"), let t = TimestampParser.parse(String(words[0]), zone: zone) {
            return SyslogHeader(instant: t, bsd: nil, host: String(words[1]))
        }
        if words.count >= 4, let stamp = WallClock.bsd(words[0], words[1], words[2]) {
            return SyslogHeader(instant: nil, bsd: stamp, host: String(words[3]))
        }
        return nil
    }
}
