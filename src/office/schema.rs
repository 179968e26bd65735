//! The JSON Schema of `office.yaml`, for editors and `decisions schema --office`.

/// The schema as pretty-printed JSON.
pub fn office_schema() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<super::Office>();
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
