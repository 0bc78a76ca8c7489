//! The JSON Schema (2020-12), the TypeScript types and the README's field table of a
//! snapshot, written from the model's declaration (`model.rs`, `page.rs`) through the
//! [`Shape`]s `#[derive(Model)]` records.
//!
//! The schema says what the reader and validation say, except for what a JSON Schema
//! cannot: [`NOT_IN_SCHEMA`] lists it. `tests/schema.rs` checks that the shipped
//! `schema.json`, `js/snapshot.d.ts` and the README table are what these functions
//! write (`SNAPDF_BLESS=1` rewrites them).

use std::collections::{BTreeMap, VecDeque};

use serde_json::{Map, Value, json};

use super::model::Snapshot;
use super::rules::LINK_PATTERN;
use super::shape::{Describe, Field, ObjectShape, Role, Shape};

/// The rules snapdf checks that the JSON Schema cannot say, so a snapshot may pass the
/// schema and still be refused (or, for the first two, be refused by the schema and
/// read by snapdf).
pub const NOT_IN_SCHEMA: &[&str] = &[
    "an object given as an array of its fields in order (serde's reading, as PHP's json_encode writes an empty map) \
     is read by snapdf; the schema wants an object",
    "characters the fonts cannot print (the standard fonts print Latin-1; a supplied font its glyphs)",
    "fonts named in `font` that were not supplied",
    "links to `#id` that name no heading, and heading ids used twice",
    "a table row, header row or totals row that does not cover every column once, with the spans of its cells \
     and those from above, and spans that leave the table or overlap",
    "a table with no columns, and `monoFont` without `font`",
    "QR code data longer than its error correction level holds",
    "a chart's data: one value per category or x value, x values all numbers or all dates, columns named in \
     `x` and `y` that exist, cells plotted that are numbers, and a pie's one series of shares",
    "a document's `size` and `sha256` that do not match its `data`",
    "image data that is not a PNG or JPEG, or too large, or too small to see once fitted to the page",
    "margins that leave less than 72 points for content",
    "header and footer placeholders (`{page}`, `{pages}`, `{title}`, `{date}`), and their filled length",
    "days past the end of the month in `creationDate` (2024-02-30)",
    "base64 whose last character has bits set that the length leaves unused",
    "percent widths outside 0.1% to 100%",
    "the limits (`LIMIT_EXCEEDED`): sizes, counts and nesting",
];

/// The JSON Schema (2020-12) of a snapshot: every block and field with its
/// description, default, range and pattern.
pub fn json_schema() -> Value {
    let mut defs = BTreeMap::new();
    let root = Snapshot::shape();
    collect(root, &mut defs);
    let mut schema = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "snapdf snapshot",
        "description": "A snapdf snapshot: the JSON document snapdf renders to PDF. Generated from \
                        snapdf's model declaration; sizes are in points (1/72 inch).",
    });
    let Shape::Object(o) = root else { unreachable!("the snapshot is an object") };
    let Value::Object(body) = object_schema(&o, &[]) else { unreachable!("an object") };
    let Value::Object(map) = &mut schema else { unreachable!("an object") };
    map.extend(body);
    if let Some(Value::Object(props)) = map.get_mut("properties") {
        props.insert(
            "$schema".into(),
            json!({ "type": "string", "description": "The schema this file follows, for editors; snapdf ignores it." }),
        );
    }
    let defs: Map<String, Value> = defs.into_iter().collect();
    map.insert("$defs".into(), Value::Object(defs));
    schema
}

/// Adds the `$defs` entry of every named type `shape` refers to.
fn collect(shape: Shape, defs: &mut BTreeMap<String, Value>) {
    let (name, refs) = match shape {
        Shape::Optional(inner) | Shape::Array(inner) => return collect(inner(), defs),
        Shape::String | Shape::Boolean | Shape::Integer { .. } | Shape::Number => return,
        Shape::Object(o) => (o.name, o.fields.iter().map(|f| f.shape).collect::<Vec<_>>()),
        Shape::Tagged(t) => (t.name, t.variants.iter().map(|v| v.2).collect()),
        Shape::Names(n) => (n.name, Vec::new()),
        Shape::Custom(c) => (c.name, c.refers_to.to_vec()),
    };
    if defs.contains_key(name) {
        return;
    }
    defs.insert(name.to_owned(), Value::Null); // a recursive type refers to itself
    let schema = named_schema(&shape);
    defs.insert(name.to_owned(), schema);
    if let Shape::Tagged(t) = shape {
        for &(tag, doc, inner) in t.variants {
            let Shape::Object(o) = inner() else { unreachable!("a block is an object") };
            let tag_schema = json!({ "const": tag, "description": "The block's kind." });
            let mut v = object_schema(&o, &[(t.tag, tag_schema)]);
            v["description"] = Value::String(doc.to_owned());
            defs.insert(block_name(tag), v);
        }
    }
    for r in refs {
        match (&shape, r()) {
            // A block's object is written inline, in its variant: only its fields' types are named.
            (Shape::Tagged(_), Shape::Object(o)) => o.fields.iter().for_each(|f| collect((f.shape)(), defs)),
            (_, other) => collect(other, defs),
        }
    }
}

/// The schema of a named type, for `$defs`.
fn named_schema(shape: &Shape) -> Value {
    match shape {
        Shape::Object(o) => object_schema(o, &[]),
        Shape::Tagged(t) => {
            // The tag picks the variant (if/then), so that a wrong block is told what is
            // wrong with it as the block it says it is, and a wrong tag that it is one.
            let tags: Vec<&str> = t.variants.iter().map(|v| v.0).collect();
            let pick: Vec<Value> = tags
                .iter()
                .map(|tag| {
                    json!({
                        "if": { "properties": { t.tag: { "const": tag } }, "required": [t.tag] },
                        "then": { "$ref": format!("#/$defs/{}", block_name(tag)) },
                    })
                })
                .collect();
            json!({
                "description": t.doc,
                "type": "object",
                "required": [t.tag],
                "properties": { t.tag: { "enum": tags, "description": "The block's kind." } },
                "allOf": pick,
            })
        }
        Shape::Names(n) => {
            let names: Vec<&str> = n.names.iter().map(|(name, _)| *name).collect();
            let listed: Vec<String> =
                n.names.iter().map(|(name, doc)| format!("`{name}`: {}", doc.trim_end_matches('.'))).collect();
            json!({ "description": format!("{} {}.", n.doc, listed.join("; ")), "enum": names })
        }
        Shape::Custom(c) => {
            let mut v = (c.schema)();
            v["description"] = Value::String(c.doc.to_owned());
            v
        }
        _ => unreachable!("only named types have definitions"),
    }
}

/// An object's schema, with `extra` properties first (a block's tag), required.
fn object_schema(o: &ObjectShape, extra: &[(&str, Value)]) -> Value {
    let mut props = Map::new();
    let mut required: Vec<&str> = Vec::new();
    for (name, schema) in extra {
        props.insert((*name).to_owned(), schema.clone());
        required.push(name);
    }
    for f in o.fields {
        props.insert(f.name.to_owned(), field_schema(f));
        if f.required {
            required.push(f.name);
        }
    }
    let mut object =
        json!({ "type": "object", "description": o.doc, "properties": props, "additionalProperties": false });
    if !required.is_empty() {
        object["required"] = json!(required);
    }
    let Some(short) = o.shorthand else { return object };
    let field = o.fields.iter().find(|f| f.name == short).expect("the shorthand is a field");
    let short_schema = match (field.shape)() {
        Shape::Optional(inner) => value_schema(inner(), field),
        shape => value_schema(shape, field),
    };
    let description = object.as_object_mut().and_then(|m| m.remove("description"));
    json!({ "description": description, "anyOf": [short_schema, object] })
}

/// A field's schema: its value's, with its description and default.
fn field_schema(f: &Field) -> Value {
    let mut v = value_schema((f.shape)(), f);
    if f.nullable && !matches!((f.shape)(), Shape::Optional(_)) {
        v = json!({ "anyOf": [v, { "type": "null" }] });
    }
    if let Value::Object(map) = &mut v {
        map.insert("description".into(), Value::String(f.doc.to_owned()));
        if let Some(default) = f.default {
            let value: Value = serde_json::from_str(default).unwrap_or(Value::Null);
            map.insert("default".into(), value);
        }
    }
    v
}

/// The schema of a value of `shape`, with `field`'s range and rule applied to its
/// numbers and strings.
fn value_schema(shape: Shape, field: &Field) -> Value {
    match shape {
        Shape::String => {
            let mut v = json!({ "type": "string" });
            let pattern = match field.rules.role {
                Role::Link => Some(LINK_PATTERN),
                _ => field.rules.rule.and_then(|r| r.pattern),
            };
            if let Some(pattern) = pattern {
                v["pattern"] = Value::String(pattern.to_owned());
            }
            if field.rules.role == Role::Anchor {
                v["minLength"] = json!(1);
            }
            v
        }
        Shape::Boolean => json!({ "type": "boolean" }),
        Shape::Integer { max } => {
            let (lo, hi) = field.rules.range.map_or((0.0, max as f64), |r| (r.min.max(0.0), r.max.min(max as f64)));
            json!({ "type": "integer", "minimum": lo as u64, "maximum": hi as u64 })
        }
        Shape::Number => match field.rules.range {
            Some(r) => json!({ "type": "number", "minimum": r.min, "maximum": r.max }),
            None => json!({ "type": "number" }),
        },
        Shape::Optional(inner) => json!({ "anyOf": [value_schema(inner(), field), { "type": "null" }] }),
        Shape::Array(inner) => json!({ "type": "array", "items": value_schema(inner(), field) }),
        named => json!({ "$ref": format!("#/$defs/{}", named.name().unwrap_or_default()) }),
    }
}

/// The TypeScript declarations of a snapshot's types (`js/snapshot.d.ts`).
pub fn typescript() -> String {
    let mut out = String::from(
        "// The snapshot's types, written from snapdf's model declaration (src/document/model.rs)\n\
         // by `SNAPDF_BLESS=1 cargo test --test schema`; do not edit by hand.\n",
    );
    let mut written = Vec::new();
    write_type(Snapshot::shape(), &mut out, &mut written);
    out
}

/// Writes the declaration of `shape` and of every named type it refers to, once each.
fn write_type(shape: Shape, out: &mut String, written: &mut Vec<&'static str>) {
    let Some(name) = shape.name() else {
        if let Shape::Optional(inner) | Shape::Array(inner) = shape {
            write_type(inner(), out, written);
        }
        return;
    };
    if written.contains(&name) {
        return;
    }
    written.push(name);
    let mut refs: Vec<Shape> = Vec::new();
    out.push('\n');
    match shape {
        Shape::Object(o) => {
            doc_comment(out, o.doc, "");
            match o.shorthand {
                None => out.push_str(&format!("export interface {name} {}\n", ts_object(&o, &[]))),
                Some(short) => {
                    let field = o.fields.iter().find(|f| f.name == short).expect("the shorthand is a field");
                    let short_ts = match (field.shape)() {
                        Shape::Optional(inner) => ts_value(inner(), field),
                        s => ts_value(s, field),
                    };
                    out.push_str(&format!("export type {name} = {short_ts} | {};\n", ts_object(&o, &[])));
                }
            }
            refs.extend(o.fields.iter().map(|f| (f.shape)()));
        }
        Shape::Tagged(t) => {
            doc_comment(out, t.doc, "");
            let names: Vec<String> = t.variants.iter().map(|(tag, _, _)| block_name(tag)).collect();
            out.push_str(&format!("export type {name} =\n  | {};\n", names.join("\n  | ")));
            for &(tag, doc, inner) in t.variants {
                let Shape::Object(o) = inner() else { unreachable!("a block is an object") };
                out.push('\n');
                doc_comment(out, doc, "");
                let tag_field = format!("'{tag}'");
                out.push_str(&format!(
                    "export interface {} {}\n",
                    block_name(tag),
                    ts_object(&o, &[(t.tag, &tag_field)])
                ));
                refs.extend(o.fields.iter().map(|f| (f.shape)()));
            }
        }
        Shape::Names(n) => {
            doc_comment(out, n.doc, "");
            let names: Vec<String> = n.names.iter().map(|(n, _)| format!("'{n}'")).collect();
            out.push_str(&format!("export type {name} = {};\n", names.join(" | ")));
        }
        Shape::Custom(c) => {
            doc_comment(out, c.doc, "");
            out.push_str(&format!("export type {name} = {};\n", c.typescript));
            refs.extend(c.refers_to.iter().map(|r| r()));
        }
        _ => {}
    }
    for r in refs {
        write_type(r, out, written);
    }
}

/// `heading` → `HeadingBlock`.
fn block_name(tag: &str) -> String {
    let mut chars = tag.chars();
    let first: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    format!("{first}{}Block", chars.as_str())
}

/// An object type's body, `{ … }`, with `extra` fields first.
fn ts_object(o: &ObjectShape, extra: &[(&str, &str)]) -> String {
    let mut body = String::from("{\n");
    for (name, ty) in extra {
        body.push_str(&format!("  {name}: {ty};\n"));
    }
    for f in o.fields {
        let mut doc = f.doc.to_owned();
        if let Some(default) = f.default {
            doc.push_str(&format!("\n\n@default {default}"));
        }
        doc_comment(&mut body, &doc, "  ");
        let optional = if f.required { "" } else { "?" };
        let mut ty = ts_value((f.shape)(), f);
        if f.nullable && !matches!((f.shape)(), Shape::Optional(_)) {
            ty.push_str(" | null");
        }
        body.push_str(&format!("  {}{optional}: {ty};\n", f.name));
    }
    body.push('}');
    body
}

/// A value's TypeScript type; integers in a short range are a union of their values.
fn ts_value(shape: Shape, field: &Field) -> String {
    match shape {
        Shape::String => "string".to_owned(),
        Shape::Boolean => "boolean".to_owned(),
        Shape::Integer { .. } => match field.rules.range {
            Some(r) if r.max - r.min <= 9.0 => {
                let values: Vec<String> = (r.min as u64..=r.max as u64).map(|v| v.to_string()).collect();
                values.join(" | ")
            }
            _ => "number".to_owned(),
        },
        Shape::Number => "number".to_owned(),
        Shape::Optional(inner) => format!("{} | null", ts_value(inner(), field)),
        Shape::Array(inner) => {
            let item = ts_value(inner(), field);
            if item.contains(' ') { format!("({item})[]") } else { format!("{item}[]") }
        }
        named => named.name().unwrap_or("unknown").to_owned(),
    }
}

/// A JSDoc comment, indented by `indent`.
fn doc_comment(out: &mut String, doc: &str, indent: &str) {
    if doc.is_empty() {
        return;
    }
    out.push_str(indent);
    out.push_str("/**\n");
    for line in doc.lines() {
        out.push_str(indent);
        out.push_str(if line.is_empty() { " *" } else { " * " });
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(indent);
    out.push_str(" */\n");
}

/// An object of the format, where it first appears: its place (`page.header`, `` `heading`
/// block ``), its description, and its doc comment (a block's: its variant's).
struct Placed {
    place: String,
    object: ObjectShape,
    doc: &'static str,
}

/// Every object of the format once (a block's, once per block type), breadth first from
/// the snapshot, in declaration order.
fn objects() -> Vec<Placed> {
    let Shape::Object(root) = Snapshot::shape() else { unreachable!("the snapshot is an object") };
    let mut out = vec![Placed { place: "snapshot".to_owned(), object: root, doc: root.doc }];
    let mut seen = vec![root.name];
    let mut queue: VecDeque<(String, Shape)> = root.fields.iter().map(|f| (f.name.to_owned(), (f.shape)())).collect();
    let found = |out: &mut Vec<Placed>, queue: &mut VecDeque<_>, place: String, object: ObjectShape, doc| {
        queue.extend(object.fields.iter().map(|f| (format!("{place}.{}", f.name), (f.shape)())));
        out.push(Placed { place, object, doc });
    };
    while let Some((place, shape)) = queue.pop_front() {
        match shape {
            Shape::Optional(inner) | Shape::Array(inner) => queue.push_front((place, inner())),
            Shape::Object(o) if !seen.contains(&o.name) => {
                seen.push(o.name);
                found(&mut out, &mut queue, place, o, o.doc);
            }
            Shape::Custom(c) if !seen.contains(&c.name) => {
                seen.push(c.name);
                queue.extend(c.refers_to.iter().map(|r| (format!("{place}[]"), r())));
            }
            Shape::Tagged(t) if !seen.contains(&t.name) => {
                seen.push(t.name);
                for &(tag, doc, inner) in t.variants {
                    let Shape::Object(o) = inner() else { continue };
                    found(&mut out, &mut queue, format!("`{tag}` block"), o, doc);
                }
            }
            _ => {}
        }
    }
    out
}

/// The README's table of the snapshot's fields and blocks, in Markdown.
pub fn markdown_table() -> String {
    let mut out = String::from("| where | field | type | default | what it is |\n|---|---|---|---|---|\n");
    for Placed { place, object, doc } in objects() {
        if object.fields.is_empty() {
            out.push_str(&format!("| {place} | | | | {} |\n", doc.replace('\n', " ")));
        }
        table_rows(&mut out, &place, &object);
    }
    out
}

fn table_rows(out: &mut String, place: &str, o: &ObjectShape) {
    for f in o.fields {
        let ty = ts_value((f.shape)(), f).replace('|', "\\|");
        let default = match (f.required, f.default) {
            (true, _) => "required".to_owned(),
            (false, Some(d)) => format!("`{d}`"),
            (false, None) => String::new(),
        };
        let doc = f.doc.replace('\n', " ").replace('|', "\\|");
        out.push_str(&format!("| {place} | `{}` | `{ty}` | {default} | {doc} |\n", f.name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field whose values are strings, with a path through the types
    /// (`Paragraph.text` …) and its role.
    fn string_fields() -> Vec<(String, Role)> {
        fn leaf_is_string(shape: Shape) -> bool {
            match shape {
                Shape::String => true,
                Shape::Optional(inner) | Shape::Array(inner) => leaf_is_string(inner()),
                Shape::Custom(c) => c.name == "Text" || c.name == "Cell" || c.name == "FontChain",
                _ => false,
            }
        }
        let mut out = Vec::new();
        for Placed { object: o, .. } in objects() {
            for f in o.fields.iter().filter(|f| leaf_is_string((f.shape)())) {
                out.push((format!("{}.{}", o.name, f.name), f.rules.role));
            }
        }
        out.dedup();
        out
    }

    /// A string field added to the model is printed (so its characters are checked
    /// against the fonts) unless it is listed here, with why.
    #[test]
    fn every_string_field_is_printed_or_said_not_to_be() {
        const NOT_PRINTED: &[&str] = &[
            "Metadata.author",       // the Info dictionary: any Unicode, as UTF-16
            "Metadata.subject",      // likewise
            "Metadata.keywords",     // likewise
            "Metadata.creationDate", // an ISO 8601 date (rule DATE)
            "Snapshot.font",         // font names, checked against the supplied fonts
            "Snapshot.monoFont",     // likewise
            "Snapshot.lang",         // a BCP 47 tag (rule LANGUAGE), written as /Lang
            "DocumentItem.sha256",   // 64 hex digits (rule SHA256)
            "QrBlock.data",          // encoded, any Unicode, at most 2,953 bytes (rule QR_DATA)
            "SvgBlock.svg",          // markup, drawn as paths (its text is not drawn yet)
        ];
        let fields = string_fields();
        assert!(fields.len() > 20, "{fields:?}");
        for (name, role) in fields {
            let listed = NOT_PRINTED.contains(&name.as_str());
            match role {
                Role::Text | Role::Link | Role::Anchor => assert!(!listed, "{name} is printed but listed"),
                // Named styles: checked against `styles`, never printed.
                Role::BlockStyle | Role::RunStyle => assert!(!listed, "{name} is a style name but listed"),
                Role::Plain => assert!(listed, "{name} is a string that is neither printed (`text`) nor listed"),
            }
        }
    }

    /// Links and heading ids have roles of their own: a link's scheme and target, and a
    /// heading id's uniqueness, are checked.
    #[test]
    fn links_and_ids_have_their_roles() {
        let fields = string_fields();
        assert!(fields.contains(&("Run.link".to_owned(), Role::Link)));
        assert!(fields.contains(&("Heading.id".to_owned(), Role::Anchor)));
        assert!(fields.contains(&("Run.style".to_owned(), Role::RunStyle)));
        assert!(fields.contains(&("Paragraph.style".to_owned(), Role::BlockStyle)));
    }
}
