import CommandModel

/// The report form, over the right-hand panel.
struct ReportFormView {
    let model: ConsoleModel
    let form: ReportForm

    func render(into screen: inout Screen, _ r: Rect) {
        screen.fill(r)
        screen.box(r, title: model.t(Bilingual("Report an incident", "上报事件")), glyphs: model.glyphs, style: Style(.title))
        let inner = r.inset(1)
        let labelWidth = ReportForm.Field.allCases.map { DisplayWidth.of(model.t($0.label)) }.max() ?? 10
        var y = inner.y
        for f in ReportForm.Field.allCases where y < inner.bottom {
            let current = f == form.field
            var x = screen.put(DisplayWidth.pad(model.t(f.label), to: labelWidth) + " ", x: inner.x + 1, y: y, style: Style(current ? .title : .dim, current ? .bold : []), clip: inner)
            let value: String
            if f == .type {
                value = form.typeChosen ? "‹ \(model.t(form.type.name)) · \(model.t(form.type.category.name)) ›" : model.t(Bilingual("‹ choose with ← → ›", "‹ 用 ← → 选择 ›"))
            } else {
                value = form.values[f] ?? ""
            }
            x = screen.put(value, x: x, y: y, style: Style(.normal, current ? .underline : []), clip: inner)
            if current && f != .type { screen.put(" ", x: x, y: y, style: Style(.cursor, .reverse), clip: inner) }
            if current && !f.hint.en.isEmpty {
                screen.put("  " + model.t(f.hint), x: x + 1, y: y, style: Style(.dim), clip: inner)
            }
            y += 1
        }
        if y + 1 < inner.bottom {
            screen.put(model.t(Bilingual("Enter reports it; the map cursor (Tab, arrows) sets 'where'", "Enter 上报；地图光标（Tab、方向键）决定地点")), x: inner.x + 1, y: y + 1, style: Style(.dim), clip: inner)
        }
    }
}
