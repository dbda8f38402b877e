import Foundation
import Frames

/// Binds parsed pipelines against frame schemas into typed plans: resolves
/// names and functions, checks types, reads string literals as the
/// timestamps or ips they are compared with, and names summarize outputs.
public struct Binder {
    /// The frames a pipeline may start from.
    public let schemas: any SchemaProvider
    /// The zone of string literals read as timestamps without an offset (the session `tz`).
    public let zone: Zone

    public init(schemas: any SchemaProvider, zone: Zone = .utc) {
        self.schemas = schemas
        self.zone = zone
    }

    /// Binds a pipeline into a plan.
    public func bind(_ pipeline: Pipeline) throws(BindError) -> Plan {
        let src = pipeline.source
        guard var schema = schemas.schema(of: src.name) else {
            throw .unknownFrame(src.name, suggestion: Suggest.closest(to: src.name, among: schemas.frameNames), src.span)
        }
        var steps: [PlanStep] = []
        for (i, stage) in pipeline.stages.enumerated() {
            if case .chart(let clause) = stage.kind {
                guard i == pipeline.stages.count - 1 else {
                    throw .chart("chart must be the last stage of a pipeline", hint: "move '| chart …' to the end, after the stages that shape its data", stage.span)
                }
                let chart = try bindChart(clause, schema, stage: stage.span)
                return Plan(source: src.name, steps: steps, schema: schema, chart: chart)
            }
            let (op, out) = try bindStage(stage, schema)
            steps.append(PlanStep(op, span: stage.span))
            schema = out
        }
        return Plan(source: src.name, steps: steps, schema: schema)
    }

    // MARK: - Stages

    func bindStage(_ stage: Stage, _ schema: [Field]) throws(BindError) -> (PlanOperator, [Field]) {
        switch stage.kind {
        case .where(let e):
            let x = try bind(e, schema)
            guard x.type == .bool else { throw .typeMismatch("where needs a bool condition, not \(x.type)", e.span) }
            return (.filter(x), schema)
        case .select(let items):
            var cols: [ProjectedColumn] = []
            for item in items {
                let x = try bind(item.expression, schema)
                let name = try outputName(item, fallback: nil)
                if cols.contains(where: { $0.field.name == name }) { throw .duplicateName(name, item.span) }
                var field = Field(name, x.type)
                if case .column(let i, _) = x { field.sourceName = schema[i].sourceName }
                cols.append(ProjectedColumn(field: field, expr: x))
            }
            return (.project(cols), cols.map(\.field))
        case .extend(let assignments):
            // Each assignment sees the columns set by the ones before it.
            var out = schema
            var ops: [(String, Expr)] = []
            for a in assignments {
                let x = try coerceAssigned(bind(a.expression, out), to: out.first { $0.name == a.name.name }, a.expression)
                ops.append((a.name.name, x))
                if let i = out.firstIndex(where: { $0.name == a.name.name }) { out[i] = Field(a.name.name, x.type) } else { out.append(Field(a.name.name, x.type)) }
            }
            if ops.count == 1 { return (.extend(name: ops[0].0, expr: ops[0].1), out) }
            // Several assignments: chain them as a projection over the input would lose the
            // sequential view, so emit a project of every output column from sequential binds.
            return (.project(try sequentialExtend(assignments, schema)), out)
        case .exclude(let names):
            var drop = Set<Int>()
            for n in names { drop.insert(try columnIndex(n, schema)) }
            let keep = schema.indices.filter { !drop.contains($0) }
            return (.keep(keep, keep.map { schema[$0] }), keep.map { schema[$0] })
        case .rename(let items):
            var fields = schema
            for r in items {
                let i = try columnIndex(r.oldName, fields)
                if let j = fields.firstIndex(where: { $0.name == r.newName.name }), j != i {
                    throw .duplicateName(r.newName.name, r.newName.span)
                }
                fields[i].name = r.newName.name
                if fields[i].sourceName == nil { fields[i].sourceName = schema[i].name }
            }
            return (.keep(Array(schema.indices), fields), fields)
        case .sort(let keys):
            var out: [OrderBy] = []
            for k in keys { out.append(OrderBy(expr: try bind(k.expression, schema), descending: k.direction == .descending)) }
            return (.sort(out), schema)
        case .take(let e):
            return (.take(try count(e, stage: "take")), schema)
        case .top(let c, let by):
            let n = try count(c, stage: "top")
            let key = OrderBy(expr: try bind(by.expression, schema), descending: by.direction != .ascending)
            return (.top(n, key), schema)
        case .distinct(let names):
            var idx: [Int] = []
            for n in names {
                let i = try columnIndex(n, schema)
                if idx.contains(i) { throw .duplicateName(n.name, n.span) }
                idx.append(i)
            }
            return (.distinct(idx), idx.map { schema[$0] })
        case .count:
            return (.count, [Field("count", .int)])
        case .summarize(let aggs, let by):
            return try bindSummarize(aggs, by, schema)
        case .join(let j):
            return try bindJoin(j, schema)
        case .analyzer(let call):
            throw .unsupportedStage("\(call.plugin.name).\(call.analyzer.name)", stage.span)
        case .chart:
            throw .chart("chart must be the last stage of a pipeline", hint: "move '| chart …' to the end", stage.span)
        }
    }

    func sequentialExtend(_ assignments: [Assignment], _ schema: [Field]) throws(BindError) -> [ProjectedColumn] {
        // Output column expressions over the input: substitute earlier assignments into later ones.
        var exprs: [Expr] = schema.indices.map { .column(index: $0, type: schema[$0].type) }
        var fields = schema
        for a in assignments {
            let x = try coerceAssigned(bind(a.expression, fields), to: fields.first { $0.name == a.name.name }, a.expression)
            let substituted = substitute(x, exprs)
            if let i = fields.firstIndex(where: { $0.name == a.name.name }) {
                fields[i] = Field(a.name.name, x.type)
                exprs[i] = substituted
            } else {
                fields.append(Field(a.name.name, x.type))
                exprs.append(substituted)
            }
        }
        return zip(fields, exprs).map { ProjectedColumn(field: $0.0, expr: $0.1) }
    }

    func substitute(_ e: Expr, _ columns: [Expr]) -> Expr {
        switch e {
        case .column(let i, _): return columns[i]
        case .literal: return e
        case .call(let f, let args, let t): return .call(f, arguments: args.map { substitute($0, columns) }, type: t)
        }
    }

    func count(_ e: Expression, stage: String) throws(BindError) -> Int {
        guard case .literal(.int(let n)) = e.kind, n >= 0, n <= Int64(Int32.max) else {
            throw .badCount(stage: stage, e.span)
        }
        return Int(n)
    }

    func columnIndex(_ id: Identifier, _ schema: [Field]) throws(BindError) -> Int {
        guard let i = schema.firstIndex(where: { $0.name == id.name }) else {
            throw .unknownColumn(id.name, suggestion: Suggest.closest(to: id.name, among: schema.map(\.name)), id.span)
        }
        return i
    }

    /// The name of a select / by item: explicit, else the column's name, else `fallback`.
    func outputName(_ item: ProjectionItem, fallback: String?) throws(BindError) -> String {
        if let n = item.name { return n.name }
        if case .column(let ref) = item.expression.kind { return ref.name.name }
        if let f = fallback { return f }
        return BinderNames.derived(item.expression) ?? "expr"
    }

    // MARK: - Summarize

    func bindSummarize(_ aggs: [ProjectionItem], _ by: [ProjectionItem], _ schema: [Field]) throws(BindError) -> (PlanOperator, [Field]) {
        var keys: [ProjectedColumn] = []
        var names: [String] = []
        for (k, item) in by.enumerated() {
            let x = try bind(item.expression, schema)
            let name = try outputName(item, fallback: BinderNames.derived(item.expression) ?? "key\(k + 1)")
            if names.contains(name) { throw .duplicateName(name, item.span) }
            names.append(name)
            keys.append(ProjectedColumn(field: Field(name, x.type), expr: x))
        }
        var out: [NamedAggregate] = []
        for item in aggs {
            guard case .call(let fn, let args) = item.expression.kind, AggregateCatalog.isAggregate(fn.name) else {
                throw .notAnAggregate(item.expression.span)
            }
            var bound: [Expr] = []
            for a in args { bound.append(try bind(a, schema)) }
            let res: AggregateCatalog.Resolution
            switch AggregateCatalog.resolve(fn.name, bound.map(\.type)) {
            case .success(let r): res = r
            case .failure(let e): throw catalogError(e, fn.name, fn.span, item.expression.span)
            }
            var arg: Expr? = bound.first
            if let a = arg, let t = res.argumentType { arg = convert(a, to: t) }
            var p: Double? = nil
            if res.function == .percentile {
                guard bound[1].isConstant, let v = try? ExpressionEvaluator().evaluateConstant(bound[1]) else {
                    throw .badConstant("percentile() needs a constant p", args[1].span)
                }
                switch v {
                case .int(let x): p = Double(x)
                case .float(let x): p = x
                default: break
                }
                guard let q = p, q >= 0, q <= 100 else { throw .badConstant("percentile p must be between 0 and 100", args[1].span) }
            }
            let name = item.name?.name ?? BinderNames.aggregate(fn.name, args, p)
            if names.contains(name) { throw .duplicateName(name, item.span) }
            names.append(name)
            out.append(NamedAggregate(name: name, aggregate: AggregateExpr(function: res.function, argument: arg, percentile: p, type: res.resultType)))
        }
        let fields = keys.map(\.field) + out.map { Field($0.name, $0.aggregate.type) }
        return (.summarize(keys: keys, aggregates: out), fields)
    }
}
