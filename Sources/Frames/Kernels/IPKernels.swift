/// ip, ip_in, is_private, ip_version, ip_prefix.
enum IPKernels {
    /// A network: address bits and prefix length in the 128-bit space.
    struct Network: Sendable {
        let high: UInt64, low: UInt64, maskHigh: UInt64, maskLow: UInt64

        init(_ addr: IPAddress, bits128: Int) {
            let (mh, ml) = IPKernels.mask(bits128)
            maskHigh = mh
            maskLow = ml
            high = addr.high & mh
            low = addr.low & ml
        }

        @inline(__always)
        func contains(_ a: IPAddress) -> Bool { (a.high & maskHigh) == high && (a.low & maskLow) == low }

        /// Parses `a.b.c.d/n` or `x::/n` (a bare address is a /32 or /128).
        init?(cidr text: String) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count <= 2, let addr = IPAddress(String(parts[0])) else { return nil }
            let maxBits = addr.isIPv4 ? 32 : 128
            var bits = maxBits
            if parts.count == 2 {
                guard let b = Int(parts[1]), b >= 0, b <= maxBits else { return nil }
                bits = b
            }
            self.init(addr, bits128: addr.isIPv4 ? bits + 96 : bits)
        }
    }

    /// High and low masks keeping the first `bits` of 128.
    static func mask(_ bits: Int) -> (UInt64, UInt64) {
        let b = Swift.max(0, Swift.min(128, bits))
        let mh: UInt64 = b >= 64 ? ~0 : (b == 0 ? 0 : ~0 << UInt64(64 - b))
        let ml: UInt64 = b <= 64 ? 0 : (b == 128 ? ~0 : ~0 << UInt64(128 - b))
        return (mh, ml)
    }

    /// RFC 1918, RFC 6598 (CGNAT), loopback, link-local (v4 and v6), ULA, and ::1.
    static let privateNetworks: [Network] = [
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16",
        "::1/128", "fe80::/10", "fc00::/7",
    ].compactMap { Network(cidr: $0) }

    static func function(_ f: ScalarFunction, _ a: [Operand], _ t: [DataType], _ n: Int) throws(EvaluationError) -> Operand {
        if a.contains(where: \.isNullScalar) { return .scalar(.null) }
        var valid: Bitmap? = nil
        for o in a { valid = Loops.and(valid, o.validity(n)) }
        if f == .ip {
            if t[0] == .ip { return a[0] }
            let s = StringKernels.storage(a[0], n)
            let (vals, v) = StringRows.mapValues(s, n, zero: IPAddress(high: 0, low: 0)) { IPAddress.parse($0) }
            return .column(Column(.ip(vals), validity: Loops.and(valid, v)))
        }
        guard case .ip(let ips) = a[0].materialize(.ip, n).values else { throw .typeError(message: "ip kernel") }
        switch f {
        case .ipIn:
            if let text = StringKernels.scalarString(a[1]) {
                guard let net = Network(cidr: text) else { throw .badCIDR(text: text) }
                let bits = ips.withUnsafeBufferPointer { p in
                    let b = UncheckedBox(p)
                    return Loops.bits(n) { net.contains(b.value[$0]) }
                }
                return .column(Column(.bool(bits), validity: valid))
            }
            let cs = StringKernels.storage(a[1], n)
            var cache: [String: Network] = [:]
            var bits = Bitmap(count: n, value: false)
            try StringRows.with(cs) { (g) throws(EvaluationError) in
                for i in 0..<n where valid?[i] ?? true {
                    let text = StringRows.string(g(i))
                    let net: Network
                    if let c = cache[text] { net = c } else {
                        guard let p = Network(cidr: text) else { throw .badCIDR(text: text) }
                        cache[text] = p
                        net = p
                    }
                    if net.contains(ips[i]) { bits[i] = true }
                }
            }
            return .column(Column(.bool(bits), validity: valid))
        case .isPrivate:
            let nets = privateNetworks
            let bits = ips.withUnsafeBufferPointer { p in
                let b = UncheckedBox(p)
                return Loops.bits(n) { i in nets.contains { $0.contains(b.value[i]) } }
            }
            return .column(Column(.bool(bits), validity: valid))
        case .ipVersion:
            return .column(Column(.int(Loops.map1(ips) { $0.isIPv4 ? 4 : 6 }), validity: valid))
        case .ipPrefix:
            let bits = a[1].int64Side
            let ok = Loops.compare2(Side.array(ips), bits, n) { ip, b in b >= 0 && b <= (ip.isIPv4 ? 32 : 128) }
            let r = Loops.map2(Side.array(ips), bits, n) { ip, b -> IPAddress in
                let b128 = Int(clamping: b) + (ip.isIPv4 ? 96 : 0)
                let (mh, ml) = mask(b128)
                return IPAddress(high: ip.high & mh, low: ip.low & ml)
            }
            return .column(Column(.ip(r), validity: Loops.and(valid, ok.allSet ? nil : ok)))
        default:
            throw .typeError(message: "\(f.rawValue) is not an ip function")
        }
    }
}
