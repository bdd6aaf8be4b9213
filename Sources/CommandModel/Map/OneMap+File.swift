import Foundation

extension OneMap {
    /// Reads a map file. Every problem is reported with its line and column; a map with any
    /// problem is not returned (a half-read map would mislead an officer).
    public static func parse(_ text: String, file: String) -> (map: OneMap?, issues: [FileIssue]) {
        var issues: [FileIssue] = []
        func fail(_ line: Int, _ column: Int, _ field: String, _ en: String, _ zh: String) {
            issues.append(FileIssue(file: file, line: line, column: column, field: field, message: Bilingual(en, zh)))
        }
        // NUL and control characters are refused at their line and column, before anything else.
        issues = FileIssue.controlCharacters(in: text, file: file)
        guard issues.isEmpty else { return (nil, issues) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.hasSuffix("\r") ? $0.dropLast() : $0) }
        guard lines.first == formatLine else {
            fail(1, 1, "format", "the first line must be '\(formatLine)'", "第一行必须是“\(formatLine)”")
            return (nil, issues)
        }
        var name: Bilingual?
        var box: GeoBox?
        var width = 0, height = 0
        var source = ""
        var legend: [LegendEntry] = []
        var labels: [Label] = []
        var rows: [Layer: [(line: Int, text: String)]] = [:]
        var current: Layer?
        var i = 1
        while i < lines.count {
            let n = i + 1
            let line = lines[i]
            i += 1
            if let layer = current {
                if line == "end" { current = nil; continue }
                rows[layer, default: []].append((n, line))
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let (key, rest) = splitKey(trimmed)
            switch key {
            case "name:":
                name = bilingual(rest)
                if name == nil { fail(n, 7, "name", "write the name as 'English | 中文'", "名称应写作“English | 中文”") }
            case "box:":
                let v = rest.split(separator: " ").compactMap { Double($0) }
                if v.count == 4, v[0] > v[1], v[3] > v[2] {
                    box = GeoBox(north: v[0], south: v[1], west: v[2], east: v[3])
                } else {
                    fail(n, 6, "box", "write the box as 'north south west east' in degrees, north > south, east > west", "范围应写作“北 南 西 东”（度），且北 > 南、东 > 西")
                }
            case "size:":
                let v = rest.split(separator: " ").compactMap { Int($0) }
                if v.count == 2, (1...2000).contains(v[0]), (1...2000).contains(v[1]) {
                    (width, height) = (v[0], v[1])
                } else {
                    fail(n, 7, "size", "write the size as 'width height', each 1 to 2000 cells", "尺寸应写作“宽 高”，各为 1 至 2000 格")
                }
            case "source:": source = rest
            case "legend":
                // legend <layer> <symbol> <kind> <slug> <English> | <中文>
                let parts = rest.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true).map(String.init)
                guard parts.count == 5, let layer = Layer(rawValue: parts[0]), parts[1].count == 1, let symbol = parts[1].first, let nm = bilingual(parts[4]) else {
                    fail(
                        n, 1, "legend", "write a legend line as 'legend <districts|terrain|water|roads> <symbol> <kind> <slug> <English> | <中文>'", "图例应写作“legend <图层> <符号> <类别> <简称> <English> | <中文>”")
                    continue
                }
                if symbol == " " || symbol == "|" {
                    fail(n, 1, "legend", "'\(symbol)' cannot be a symbol", "“\(symbol)”不能用作符号")
                } else if legend.contains(where: { $0.layer == layer && $0.symbol == symbol }) {
                    fail(n, 1, "legend", "'\(symbol)' is already used in the \(layer.rawValue) layer", "“\(symbol)”在\(layer.rawValue)图层中已使用")
                } else {
                    legend.append(LegendEntry(layer: layer, symbol: symbol, kind: parts[2], slug: parts[3], name: nm))
                }
            case "label":
                // label <lat> <lon> <English> | <中文>
                let parts = rest.split(separator: " ", maxSplits: 2).map(String.init)
                if parts.count == 3, let lat = Double(parts[0]), let lon = Double(parts[1]), let nm = bilingual(parts[2]) {
                    labels.append(Label(point: GeoPoint(lat: lat, lon: lon), name: nm))
                } else {
                    fail(n, 1, "label", "write a label as 'label <lat> <lon> <English> | <中文>'", "标注应写作“label <纬度> <经度> <English> | <中文>”")
                }
            case "layer":
                if let layer = Layer(rawValue: rest) {
                    if rows[layer] != nil { fail(n, 7, "layer", "layer \(rest) appears twice", "图层 \(rest) 重复出现") }
                    current = layer
                    rows[layer] = []
                } else {
                    fail(n, 7, "layer", "unknown layer '\(rest)'; layers: districts, terrain, water, roads", "未知图层“\(rest)”；可选：districts、terrain、water、roads")
                }
            default:
                fail(n, 1, key, "unknown line '\(key)'; expected name:, box:, size:, source:, legend, label or layer", "未知的行“\(key)”；可用：name:、box:、size:、source:、legend、label、layer")
            }
        }
        if current != nil { fail(lines.count, 1, "layer", "the last layer has no 'end' line", "最后一个图层缺少“end”行") }
        if name == nil && !issues.contains(where: { $0.field == "name" }) { fail(1, 1, "name", "missing 'name:' line", "缺少“name:”行") }
        if box == nil && !issues.contains(where: { $0.field == "box" }) { fail(1, 1, "box", "missing 'box:' line", "缺少“box:”行") }
        if width == 0 && !issues.contains(where: { $0.field == "size" }) { fail(1, 1, "size", "missing 'size:' line", "缺少“size:”行") }
        var cells: [Layer: [Character]] = [:]
        for layer in Layer.allCases {
            guard let layerRows = rows[layer] else {
                fail(lines.count, 1, "layer \(layer.rawValue)", "missing layer \(layer.rawValue)", "缺少图层 \(layer.rawValue)")
                continue
            }
            guard width > 0 else { continue }
            if layerRows.count != height {
                fail(
                    layerRows.last?.line ?? lines.count, 1, "layer \(layer.rawValue)", "layer \(layer.rawValue) has \(layerRows.count) rows; the size says \(height)",
                    "图层 \(layer.rawValue) 有 \(layerRows.count) 行；尺寸要求 \(height) 行")
            }
            let symbols = Set(legend.filter { $0.layer == layer }.map(\.symbol))
            var out: [Character] = []
            out.reserveCapacity(width * height)
            for (line, text) in layerRows.prefix(height) {
                let chars = Array(text)
                guard chars.count == width + 2, chars.first == "|", chars.last == "|" else {
                    fail(
                        line, 1, "layer \(layer.rawValue)", "a row must be |…| with exactly \(width) cells between the bars; this one has \(max(0, chars.count - 2))",
                        "每行必须为 |…|，两竖线之间恰好 \(width) 格；此行为 \(max(0, chars.count - 2)) 格")
                    out += Array(repeating: " ", count: width)
                    continue
                }
                for (k, ch) in chars[1...width].enumerated() {
                    if ch != " " && !symbols.contains(ch) {
                        fail(line, k + 2, "layer \(layer.rawValue)", "'\(ch)' is not in the \(layer.rawValue) legend", "“\(ch)”不在 \(layer.rawValue) 图例中")
                    }
                    out.append(ch)
                }
            }
            while out.count < width * height { out.append(" ") }
            cells[layer] = out
        }
        guard issues.isEmpty, let name, let box else { return (nil, issues) }
        return (OneMap(name: name, box: box, width: width, height: height, source: source, legend: legend, labels: labels, cells: cells), [])
    }

    /// Writes the map file: the exact text `parse` reads back.
    public func text() -> String {
        var out = [Self.formatLine]
        out.append("# The emergency one-map. One character per cell per layer; a space is none.")
        out.append("# Rows run north to south, columns west to east, each between bars.")
        out.append("name: \(name.en) | \(name.zh)")
        out.append("box: \(box.north) \(box.south) \(box.west) \(box.east)")
        out.append("size: \(width) \(height)")
        if !source.isEmpty { out.append("source: \(source)") }
        for e in legend { out.append("legend \(e.layer.rawValue) \(e.symbol) \(e.kind) \(e.slug) \(e.name.en) | \(e.name.zh)") }
        for l in labels { out.append("label \(l.point.lat) \(l.point.lon) \(l.name.en) | \(l.name.zh)") }
        for layer in Layer.allCases {
            out.append("layer \(layer.rawValue)")
            let cs = cells[layer] ?? Array(repeating: " ", count: width * height)
            for y in 0..<height { out.append("|" + String(cs[(y * width)..<((y + 1) * width)]) + "|") }
            out.append("end")
        }
        return out.joined(separator: "\n") + "\n"
    }
}

private func splitKey(_ line: String) -> (String, String) {
    guard let space = line.firstIndex(of: " ") else { return (line, "") }
    return (String(line[..<space]), line[line.index(after: space)...].trimmingCharacters(in: .whitespaces))
}

private func bilingual(_ text: String) -> Bilingual? {
    let parts = text.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
    return Bilingual(parts[0], parts[1])
}
