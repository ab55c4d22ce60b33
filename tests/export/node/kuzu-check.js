// Loads a `feit export --format neo4j` directory into Kuzu (an embedded property-graph database
// with Cypher) and checks it against the JSON Lines records it was made from.
//   node kuzu-check.js DIR FIXTURE.jsonl
// Kuzu has no neo4j-admin header support, so the schema is derived from our headers the way
// neo4j-admin reads them (name:type, :ID, :LABEL, :START_ID, :END_ID, :TYPE) and the files are
// COPY'd as they are, header included. Prints one PASS/FAIL line per check.
"use strict";
const fs = require("fs");
const path = require("path");
const kuzu = require("kuzu");

let failed = 0;
function check(name, ok, why) {
  if (ok) console.log("PASS " + name);
  else {
    failed++;
    console.log("FAIL " + name + ": " + String(why).replace(/\n/g, "\\n"));
  }
}

const KUZU_TYPE = { float: "DOUBLE", double: "DOUBLE", int: "INT64", long: "INT64", short: "INT64",
  byte: "INT64", boolean: "BOOLEAN", string: "STRING" };

// neo4j-admin header field -> [kuzu column name, kuzu type] (or a role for ID fields)
function column(field) {
  const i = field.lastIndexOf(":");
  const name = i < 0 ? field : field.slice(0, i);
  const type = i < 0 ? "string" : field.slice(i + 1);
  if (type === "ID") return { name: name || "id", type: "STRING", role: "id" };
  if (type === "LABEL") return { name: "labels", type: "STRING" };
  if (type === "TYPE") return { name: "type", type: "STRING" };
  if (type === "START_ID" || type === "END_ID") return { role: type };
  const k = KUZU_TYPE[type.toLowerCase()];
  if (!k) throw new Error("unknown header type " + JSON.stringify(field));
  return { name, type: k };
}

function header(file) {
  const fd = fs.openSync(file, "r");
  const buf = Buffer.alloc(4096);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  return buf.toString("utf8", 0, n).split("\n")[0].split(",").map(column);
}

async function main() {
  const [dir, fixture] = process.argv.slice(2);
  const nodesFile = path.join(dir, "nodes.csv");
  const relsFile = path.join(dir, "relationships.csv");
  const recs = fs.readFileSync(fixture, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));

  const nodeCols = header(nodesFile);
  const relCols = header(relsFile);
  check("neo4j-headers", nodeCols.some((c) => c.role === "id") && relCols[0].role === "START_ID" &&
    relCols[1].role === "END_ID" && relCols.some((c) => c.name === "type"), "unexpected headers");

  const db = new kuzu.Database(":memory:");
  const conn = new kuzu.Connection(db);
  const q = async (s) => (await conn.query(s)).getAll();
  const pk = nodeCols.find((c) => c.role === "id").name;
  await q(`CREATE NODE TABLE Entity(${nodeCols.map((c) => `${c.name} ${c.type}`).join(", ")}, PRIMARY KEY(${pk}))`);
  await q(`CREATE REL TABLE Fact(FROM Entity TO Entity, ${relCols.slice(2).map((c) => `${c.name} ${c.type}`).join(", ")})`);
  // PARALLEL=false: Kuzu's parallel CSV reader does not allow newlines inside quoted fields.
  const esc = (p) => path.resolve(p).replace(/'/g, "\\'");
  await q(`COPY Entity FROM '${esc(nodesFile)}' (HEADER=true, PARALLEL=false)`);
  await q(`COPY Fact FROM '${esc(relsFile)}' (HEADER=true, PARALLEL=false)`);

  const ents = new Set();
  for (const r of recs) for (const s of ["subject", "object"])
    ents.add(/^Q[0-9]+$/.test(r[s + "_kb"] || "") ? r[s + "_kb"] : r[s + "_type"] + "\u0000" + r[s].normalize("NFC"));
  const [{ n }] = await q("MATCH (e:Entity) RETURN count(*) AS n");
  check("kuzu-node-count", Number(n) === ents.size, `${n} nodes for ${ents.size} distinct entities`);
  const [{ m }] = await q("MATCH ()-[f:Fact]->() RETURN count(*) AS m");
  check("kuzu-relationship-count", Number(m) === recs.length, `${m} relationships for ${recs.length} records`);

  // the question of the brief, in Cypher: with whom does Rusland have samenwerking?
  const rows = await q(`MATCH (a:Entity)-[f:Fact]-(b:Entity) WHERE a.name = 'Rusland' AND f.type = 'SAMENWERKING'
                        RETURN DISTINCT b.name AS name ORDER BY name`);
  const names = rows.map((r) => r.name);
  const want = [...new Set(recs.filter((r) => r.predicate === "samenwerking").flatMap((r) =>
    r.subject === "Rusland" ? [r.object] : r.object === "Rusland" ? [r.subject] : []))].sort();
  check("cypher-rusland-samenwerking", JSON.stringify(names) === JSON.stringify(want),
    `${JSON.stringify(names)}, want ${JSON.stringify(want)}`);

  // every record comes back with its properties and provenance
  const facts = await q(`MATCH (a:Entity)-[f:Fact]->(b:Entity) RETURN a.name AS s, a.type AS st, a.kb AS skb,
      a.labels AS sl, b.name AS o, b.kb AS okb, f.predicate AS p, f.wikidata AS w, f.qualifier AS qual,
      f.confidence AS c, f.doc AS d, f.sentence AS sent, f.evidence AS ev, f.rule AS rule, f.count AS cnt`);
  recs.forEach((r, i) => {
    // a node keeps the first spelling seen; names differing only in Unicode normalisation share it
    const same = (a, b) => a.normalize("NFC") === b.normalize("NFC");
    const hit = facts.filter((f) => same(f.s, r.subject) && same(f.o, r.object) && f.p === r.predicate &&
      f.ev === r.evidence && Number(f.sent) === r.sentence && f.d === r.doc);
    const name = `kuzu-fact-${i}(${r.subject.slice(0, 12)} ${r.predicate} ${r.object.slice(0, 12)})`;
    if (hit.length !== 1) return check(name, false, `${hit.length} matching relationships`);
    const f = hit[0];
    const probs = [];
    if (Math.abs(f.c - r.confidence) > 1e-6) probs.push("confidence " + f.c);
    if (f.rule !== r.rule) probs.push("rule");
    if ((f.qual ?? undefined) !== r.qualifier) probs.push("qualifier " + f.qual);
    if ((f.w ?? undefined) !== r.wikidata) probs.push("wikidata " + f.w);
    if ((f.cnt === null ? 0 : Number(f.cnt)) !== (r.count || 0)) probs.push("count " + f.cnt);
    if ((f.skb ?? undefined) !== (/^Q[0-9]+$/.test(r.subject_kb || "") ? r.subject_kb : undefined)) probs.push("kb " + f.skb);
    const cls = { person: "Person", country: "Country", city: "City", location: "Location", organisation: "Organisation" }[r.subject_type];
    const labels = (f.sl || "").split(";");
    if (!labels.includes("Entity") || (cls && !labels.includes(cls))) probs.push("labels " + f.sl);
    check(name, probs.length === 0, probs.join(", "));
  });
}

main().then(() => process.exit(failed ? 1 : 0), (e) => {
  console.log("FAIL kuzu-load: " + String(e && e.message ? e.message : e).replace(/\n/g, "\\n"));
  process.exit(1);
});
