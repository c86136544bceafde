// Reads JSON lines on stdin and prints one JSON line per query with the diagnostics of Microsoft's Kusto parser
// and semantic analyzer (@kusto/language-service-next).
//   {"tables": {"TableName": {"Column": "string", ...}, ...}}  declares the tables for the queries that follow
//   {"id": "any", "query": "KQL text"}                        analyzes one query
// Output: {"id": "any", "diagnostics": [{"severity", "code", "message", "start", "length"}]}
'use strict';
require('@kusto/language-service-next/bridge.js');
require('@kusto/language-service-next/Kusto.Language.Bridge.js');
const readline = require('readline');

let globals = Kusto.Language.GlobalState.Default;

function quoteName(name) {
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : "['" + name.replace(/'/g, "\\'") + "']";
}

function declare(tables) {
    const symbols = Object.entries(tables).map(([table, columns]) => {
        const schema = '(' + Object.entries(columns).map(([c, t]) => quoteName(c) + ':' + t).join(', ') + ')';
        return new Kusto.Language.Symbols.TableSymbol.$ctor7(table, schema, null);
    });
    const db = new Kusto.Language.Symbols.DatabaseSymbol.ctor('db', symbols);
    globals = Kusto.Language.GlobalState.Default.WithDatabase(db);
}

function analyze(query) {
    const code = Kusto.Language.KustoCode.ParseAndAnalyze(query, globals);
    const diagnostics = code.GetDiagnostics();
    const out = [];
    for (let i = 0; i < diagnostics.Count; i++) {
        const d = diagnostics.getItem(i);
        out.push({severity: String(d.Severity), code: String(d.Code), message: String(d.Message),
            start: d.Start, length: d.Length});
    }
    return out;
}

const rl = readline.createInterface({input: process.stdin, terminal: false});
rl.on('line', line => {
    if (!line.trim()) {
        return;
    }
    let request;
    try {
        request = JSON.parse(line);
    } catch (e) {
        process.stdout.write(JSON.stringify({error: 'bad JSON: ' + e.message}) + '\n');
        return;
    }
    try {
        if (request.tables) {
            declare(request.tables);
            process.stdout.write(JSON.stringify({declared: Object.keys(request.tables).length}) + '\n');
        } else {
            process.stdout.write(JSON.stringify({id: request.id, diagnostics: analyze(request.query)}) + '\n');
        }
    } catch (e) {
        process.stdout.write(JSON.stringify({id: request.id, error: String(e && e.message || e)}) + '\n');
    }
});
