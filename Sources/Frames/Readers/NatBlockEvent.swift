/// One port-block event of a CGNAT syslog: a block of public ports given to
/// (or taken back from) a private address, as Juniper's NAT services log it.
///
/// Message shapes read (the text after the syslog header):
/// - Juniper MX services cards (MS-MPC, MS-DPC):
///   `{sset}[FWNAT]: JSERVICES_NAT_PORT_BLOCK_ALLOC: 100.64.1.10 -> 49.36.1.2:1024-1535 0x5f1e2a3b`,
///   also `_RELEASE` and `_ACTIVE` (interim: the block is still held);
/// - Juniper SRX / MX-SPC3 (`RT_NAT`), text form:
///   `RT_SRC_NAT_PBA_ALLOC: Subscriber 100.64.1.10 used/maximum [1/8] blocks, allocates port block [1024-1535] from 49.36.1.2 in source pool P …`,
///   also `RT_SRC_NAT_PBA_RELEASE` (`releases port block`) and `RT_SRC_NAT_PBA_INTERIM`;
/// - the same in structured data:
///   `RT_SRC_NAT_PBA_ALLOC [junos@2636… internal-ip="100.64.1.10" block-port-low="1024" block-port-high="1535" reflexive-ip="49.36.1.2" …]`.
struct NatBlockEvent {
    /// What happened to the block.
    enum Kind: String { case alloc, release, interim }

    var kind: Kind
    var vendor: String
    var privateIP: String
    var publicIP: String
    var portStart: Int
    var portEnd: Int

    /// The message tags this reader knows, with what each means.
    static let tags: [(tag: String, kind: Kind, vendor: String)] = [
        ("JSERVICES_NAT_PORT_BLOCK_ALLOC", .alloc, "juniper-mx"),
        ("JSERVICES_NAT_PORT_BLOCK_RELEASE", .release, "juniper-mx"),
        ("JSERVICES_NAT_PORT_BLOCK_ACTIVE", .interim, "juniper-mx"),
        ("RT_SRC_NAT_PBA_ALLOC", .alloc, "juniper-srx"),
        ("RT_SRC_NAT_PBA_RELEASE", .release, "juniper-srx"),
        ("RT_SRC_NAT_PBA_INTERIM", .interim, "juniper-srx"),
    ]

    /// The tag a line carries and the column (1-based, in characters) where it starts.
    static func tag(in line: String) -> (tag: String, kind: Kind, vendor: String, column: Int)? {
        for t in tags {
            if let r = line.range(of: t.tag) {
                let after = line[r.upperBound...].first
                if let after, after != ":" && after != " " && after != "[" { continue }
                return (t.tag, t.kind, t.vendor, line.distance(from: line.startIndex, to: r.lowerBound) + 1)
            }
        }
        return nil
    }

    /// What parsing a tagged line gave.
    enum Parsed {
        case event(NatBlockEvent)
        /// Why the message does not fit its tag's shape.
        case problem(String)
    }

    /// Parses the message after the tag; a text saying what is missing when it does not fit.
    static func parse(_ line: String, tag: String, kind: Kind, vendor: String) -> Parsed {
        guard let r = line.range(of: tag) else { return .problem("no \(tag)") }
        let body = line[r.upperBound...].drop { $0 == ":" || $0 == " " }
        let found: (String, String, Int, Int)?
        if tag.hasPrefix("JSERVICES") {
            found = arrowForm(body)
        } else if body.contains("internal-ip=\"") {
            found = structuredForm(body)
        } else {
            found = subscriberForm(body)
        }
        guard let (priv, pub, lo, hi) = found else {
            let shape = tag.hasPrefix("JSERVICES") ? "`PRIVATE -> PUBLIC:LOW-HIGH`"
                : "`Subscriber PRIVATE … port block [LOW-HIGH] from PUBLIC` or internal-ip/reflexive-ip/block-port-low/block-port-high fields"
            return .problem("a \(tag) message without \(shape)")
        }
        guard IPAddress(priv) != nil else { return .problem("\(tag): \"\(priv.prefix(40))\" is not an IP address") }
        guard IPAddress(pub) != nil else { return .problem("\(tag): \"\(pub.prefix(40))\" is not an IP address") }
        guard lo <= hi, hi <= 65535 else { return .problem("\(tag): port block \(lo)-\(hi) is not a range of ports 0-65535") }
        return .event(NatBlockEvent(kind: kind, vendor: vendor, privateIP: priv, publicIP: pub, portStart: lo, portEnd: hi))
    }

    /// `100.64.1.10 -> 49.36.1.2:1024-1535 …`
    static func arrowForm(_ body: Substring) -> (String, String, Int, Int)? {
        let words = body.split(separator: " ")
        guard words.count >= 3, words[1] == "->", let colon = words[2].lastIndex(of: ":") else { return nil }
        let pub = words[2][..<colon]
        guard let (lo, hi) = range(words[2][words[2].index(after: colon)...]) else { return nil }
        return (String(words[0]), String(pub), lo, hi)
    }

    /// `Subscriber 100.64.1.10 used/maximum [1/8] blocks, allocates port block [1024-1535] from 49.36.1.2 …`
    static func subscriberForm(_ body: Substring) -> (String, String, Int, Int)? {
        guard let s = body.range(of: "Subscriber "), let b = body.range(of: "port block ["),
              let close = body[b.upperBound...].firstIndex(of: "]"), let f = body[close...].range(of: " from ") else { return nil }
        guard let priv = body[s.upperBound...].split(separator: " ").first,
              let pub = body[f.upperBound...].split(separator: " ").first,
              let (lo, hi) = range(body[b.upperBound..<close]) else { return nil }
        return (String(priv), String(pub), lo, hi)
    }

    /// `internal-ip="…" block-port-low="…" block-port-high="…" reflexive-ip="…"`
    static func structuredForm(_ body: Substring) -> (String, String, Int, Int)? {
        func value(_ key: String) -> String? {
            guard let k = body.range(of: " " + key + "=\"") ?? body.range(of: key + "=\""),
                  let end = body[k.upperBound...].firstIndex(of: "\"") else { return nil }
            return String(body[k.upperBound..<end])
        }
        guard let priv = value("internal-ip"), let pub = value("reflexive-ip"),
              let lo = value("block-port-low").flatMap({ Int($0) }), let hi = value("block-port-high").flatMap({ Int($0) }) else { return nil }
        return (priv, pub, lo, hi)
    }

    /// `1024-1535`
    static func range(_ text: Substring) -> (Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count <= 5, parts[1].count <= 5, let lo = Int(parts[0]), let hi = Int(parts[1]), lo >= 0 else { return nil }
        return (lo, hi)
    }
}
