// Reads JSON lines on stdin and prints one JSON line per query with the diagnostics of Microsoft's Kusto parser
// and semantic analyzer (@kusto/language-service-next).
//   {"tables": {"TableName": {"Column": "string", ...}, ...}}  declares the tables for the queries that follow
//   {"id": "any", "query": "KQL text"}                        analyzes one query
//   {"id": "any", "batch": ["KQL text", ...]}                 analyzes several queries at once
// Output: {"id": "any", "diagnostics": [{"severity", "code", "message", "start", "length"}]}
//     or, for a batch, {"id": "any", "results": [[diagnostic, ...], ...]} (one list per query, offsets per query)
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

// A batch is analysed as one text of statements separated by semicolons (one analysis instead of one per query,
// about twice as fast); a batch with an error is analysed again query by query, so that an error is reported on the
// query that has it and cannot run into its neighbour.
const SEPARATOR = '\n;\n';

function analyzeBatch(queries) {
    const code = Kusto.Language.KustoCode.ParseAndAnalyze(queries.join(SEPARATOR), globals);
    const diagnostics = code.GetDiagnostics();
    const starts = [];
    let position = 0;
    for (const q of queries) {
        starts.push(position);
        position += q.length + SEPARATOR.length;
    }
    const results = queries.map(() => []);
    for (let i = 0; i < diagnostics.Count; i++) {
        const d = diagnostics.getItem(i);
        if (String(d.Severity) === 'Error') {
            return queries.map(analyze);
        }
        let q = starts.length - 1;
        while (q > 0 && starts[q] > d.Start) {
            q--;
        }
        results[q].push({severity: String(d.Severity), code: String(d.Code), message: String(d.Message),
            start: d.Start - starts[q], length: d.Length});
    }
    return results;
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
        } else if (request.batch) {
            process.stdout.write(JSON.stringify({id: request.id, results: analyzeBatch(request.batch)}) + '\n');
        } else {
            process.stdout.write(JSON.stringify({id: request.id, diagnostics: analyze(request.query)}) + '\n');
        }
    } catch (e) {
        process.stdout.write(JSON.stringify({id: request.id, error: String(e && e.message || e)}) + '\n');
    }
});
