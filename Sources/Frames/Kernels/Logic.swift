/// SQL three-valued logic over bit-packed booleans.
enum Logic {
    /// `a and b` (`isAnd`) or `a or b`: false wins an and, true wins an or, otherwise null wins.
    static func andOr(_ isAnd: Bool, _ a: Column, _ b: Column) -> Column {
        guard case .bool(let av) = a.values, case .bool(let bv) = b.values else { return a }
        let n = av.count
        if a.validity == nil && b.validity == nil {
            return Column(.bool(isAnd ? av & bv : av | bv))
        }
        let aValid = a.validity ?? Bitmap(count: n, value: true)
        let bValid = b.validity ?? Bitmap(count: n, value: true)
        var values = [UInt64](repeating: 0, count: av.words.count)
        var valid = [UInt64](repeating: 0, count: av.words.count)
        for i in 0..<values.count {
            let x = av.words[i] & aValid.words[i], xv = aValid.words[i]
            let y = bv.words[i] & bValid.words[i], yv = bValid.words[i]
            if isAnd {
                let definitelyFalse = (xv & ~x) | (yv & ~y)
                let t = x & y
                values[i] = t
                valid[i] = definitelyFalse | t
            } else {
                let t = x | y
                let definitelyFalse = (xv & ~x) & (yv & ~y)
                values[i] = t
                valid[i] = definitelyFalse | t
            }
        }
        return Column(.bool(Bitmap(words: values, count: n)), validity: Bitmap(words: valid, count: n))
    }

    /// `not a`; null stays null.
    static func not(_ a: Column) -> Column {
        guard case .bool(let v) = a.values else { return a }
        return Column(.bool(~v), validity: a.validity)
    }
}
