import Frames

extension Binder {
    /// Binds `chart KIND name=EXPR ...` against the schema of the pipeline's result.
    func bindChart(_ clause: ChartClause, _ schema: [Field], stage: SourceSpan) throws(BindError) -> ChartPlan {
        let kinds = ChartPlan.Kind.allCases.map(\.rawValue)
        guard let kind = ChartPlan.Kind(rawValue: clause.kind.name) else {
            let list = "chart kinds: " + kinds.joined(separator: ", ")
            let hint = Suggest.closest(to: clause.kind.name, among: kinds).map { "did you mean '\($0)'? \(list)" } ?? list
            throw .chart("unknown chart kind '\(clause.kind.name)'", hint: hint, clause.kind.span)
        }
        var given: [String: NamedArgument] = [:]
        for argument in clause.arguments {
            let name = argument.name.name
            guard kind.parameters.contains(name) else {
                let hint = Suggest.closest(to: name, among: kind.parameters).map { "did you mean '\($0)'? " } ?? ""
                throw .chart("chart \(kind.rawValue) has no argument '\(name)'", hint: hint + "write \(kind.synopsis)", argument.name.span)
            }
            if given[name] != nil { throw .chart("argument '\(name)' is given twice", hint: "write \(kind.synopsis)", argument.span) }
            given[name] = argument
        }
        for name in kind.required where given[name] == nil {
            throw .chart("chart \(kind.rawValue) needs \(name)=COLUMN", hint: "write \(kind.synopsis)", stage)
        }
        switch kind {
        case .bar:
            let x = try chartColumn(given["x"], schema, kind: kind, stage: stage)
            let y = try chartColumn(given["y"], schema, kind: kind, stage: stage)
            try requireNumeric(y, schema, given["y"], kind: kind, what: "a numeric y column (int or float)",
                               hint: "chart a count or a sum, e.g. summarize n = count() by msisdn | chart bar x=msisdn y=n")
            return .bar(x: x, y: y)
        case .timeline:
            let time = try chartColumn(given["time"], schema, kind: kind, stage: stage)
            if schema[time].type != .timestamp, let argument = given["time"] {
                throw .chart("chart timeline needs a timestamp time column; '\(schema[time].name)' is \(schema[time].type)",
                             hint: "use a column such as start_time, or load the column with types=\"col:timestamp\"", argument.value.span)
            }
            var step = ChartPlan.defaultStep
            if let argument = given["step"] {
                guard case .literal(.duration(let d)) = argument.value.kind, d > 0 else {
                    throw .chart("step needs a positive duration", hint: "write step=15m, step=1h or step=1d", argument.value.span)
                }
                step = d
            }
            var by: Int?
            if given["by"] != nil { by = try chartColumn(given["by"], schema, kind: kind, stage: stage) }
            return .timeline(time: time, step: step, by: by)
        case .histogram:
            let value = try chartColumn(given["value"], schema, kind: kind, stage: stage)
            try requireNumeric(value, schema, given["value"], kind: kind, what: "a numeric value column (int or float)",
                               hint: "chart a number such as bytes_down, or a computed one with extend")
            var bins: Int?
            if let argument = given["bins"] {
                guard case .literal(.int(let n)) = argument.value.kind, n >= 1, n <= Int64(ChartPlan.maximumBins) else {
                    throw .chart("bins needs a whole number from 1 to \(ChartPlan.maximumBins)", hint: "write bins=20, or leave it out for Sturges' rule", argument.value.span)
                }
                bins = Int(n)
            }
            return .histogram(value: value, bins: bins)
        }
    }

    /// The column an argument names; the argument must be a bare column name.
    /// (Required arguments are checked before; a missing one is reported at the stage.)
    private func chartColumn(_ argument: NamedArgument?, _ schema: [Field], kind: ChartPlan.Kind, stage: SourceSpan) throws(BindError) -> Int {
        guard let argument else { throw .chart("chart \(kind.rawValue) needs a column", hint: "write \(kind.synopsis)", stage) }
        guard case .column(let ref) = argument.value.kind, ref.qualifier == nil else {
            throw .chart("\(argument.name.name)= needs a column name", hint: "compute it first with extend, then chart the column: write \(kind.synopsis)", argument.value.span)
        }
        return try columnIndex(ref.name, schema)
    }

    private func requireNumeric(_ index: Int, _ schema: [Field], _ argument: NamedArgument?, kind: ChartPlan.Kind, what: String, hint: String) throws(BindError) {
        guard !schema[index].type.isNumeric, let argument else { return }
        throw .chart("chart \(kind.rawValue) needs \(what); '\(schema[index].name)' is \(schema[index].type)", hint: hint, argument.value.span)
    }
}
