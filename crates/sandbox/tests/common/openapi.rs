//! Checks JSON against the schemas of the Intervals.icu OpenAPI description
//! (the platform's published description, kept in `tests/fixtures/`): every key must be a
//! property of the schema, with a compatible JSON type, an allowed enum value and, for int32,
//! a value that fits. Null passes everywhere: the platform's Java serializer writes absent
//! values as null and the description marks nothing nullable. A `type: object` without
//! properties is a Java `Object` and takes any value.
//!
//! Used by `tests/intervals_openapi.rs` and, by path, by the crate's own Intervals tests.
#![allow(dead_code)]

use serde_json::{Map, Value};

pub struct Spec {
    schemas: Map<String, Value>,
}

/// The description, as published by the platform.
pub fn load() -> Spec {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/intervals-icu-openapi.json"
    );
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read the Intervals.icu OpenAPI at {path}: {e}"));
    let doc: Value = serde_json::from_str(&text).expect("the OpenAPI file is JSON");
    Spec {
        schemas: doc["components"]["schemas"]
            .as_object()
            .expect("components.schemas")
            .clone(),
    }
}

impl Spec {
    /// Problems of `value` against the schema `name`; empty when it conforms.
    pub fn check(&self, name: &str, value: &Value) -> Vec<String> {
        let schema = self
            .schemas
            .get(name)
            .unwrap_or_else(|| panic!("no schema {name}"));
        let mut problems = Vec::new();
        self.value(schema, value, name, &mut problems);
        problems
    }

    /// Panics with every problem of every value.
    pub fn assert_all<'a>(&self, name: &str, values: impl IntoIterator<Item = &'a Value>) {
        let mut problems = Vec::new();
        let mut n = 0;
        for v in values {
            n += 1;
            problems.extend(self.check(name, v));
        }
        assert!(n > 0, "nothing to check against {name}");
        problems.sort();
        problems.dedup();
        assert!(problems.is_empty(), "{name}:\n{}", problems.join("\n"));
    }

    fn resolve<'a>(&'a self, schema: &'a Value) -> &'a Value {
        match schema["$ref"].as_str() {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or_default();
                self.schemas
                    .get(name)
                    .unwrap_or_else(|| panic!("dangling {r}"))
            }
            None => schema,
        }
    }

    fn value(&self, schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
        if v.is_null() {
            return;
        }
        let schema = self.resolve(schema);
        if let Some(options) = schema["oneOf"].as_array() {
            let fits = options.iter().any(|o| {
                let mut p = Vec::new();
                self.value(o, v, at, &mut p);
                p.is_empty()
            });
            if !fits {
                out.push(format!("{at}: matches none of oneOf"));
            }
            return;
        }
        let ok = match schema["type"].as_str() {
            None => true,
            Some("string") => {
                if let (Some(s), Some(allowed)) = (v.as_str(), schema["enum"].as_array())
                    && !allowed.iter().any(|a| a == s)
                {
                    out.push(format!("{at}: {s:?} is not one of the enum"));
                }
                v.is_string()
            }
            Some("integer") => {
                let int32 = schema["format"] == "int32";
                match v.as_i64() {
                    Some(n) if int32 && i32::try_from(n).is_err() => {
                        out.push(format!("{at}: {n} does not fit int32"));
                        true
                    }
                    Some(_) => true,
                    None => v.is_u64() && !int32,
                }
            }
            Some("number") => v.is_number(),
            Some("boolean") => v.is_boolean(),
            Some("array") => match v.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        self.value(&schema["items"], item, &format!("{at}[{i}]"), out);
                    }
                    true
                }
                None => false,
            },
            Some("object") => {
                if let Some(properties) = schema["properties"].as_object() {
                    match v.as_object() {
                        Some(object) => {
                            for (key, item) in object {
                                match properties.get(key) {
                                    Some(p) => self.value(p, item, &format!("{at}.{key}"), out),
                                    None => out.push(format!("{at}.{key}: not in the schema")),
                                }
                            }
                            true
                        }
                        None => false,
                    }
                } else if schema.get("additionalProperties").is_some() {
                    v.is_object()
                } else {
                    true
                }
            }
            Some(other) => {
                out.push(format!("{at}: unknown schema type {other}"));
                true
            }
        };
        if !ok {
            let wanted = schema["type"].as_str().unwrap_or("?");
            out.push(format!("{at}: {v} is not a JSON {wanted}"));
        }
    }
}
