//! The `Metrics` JS class: a registry of histograms and counters in time buckets.

use wasm_bindgen::prelude::*;

use super::{convert, error};
use crate::metrics::{self, Export, MetricsSettings};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** How histograms are kept. */
export interface MetricsSettings {
  /** Relative error of every percentile; default 0.01. */
  relativeError?: number;
  /** Most bins per sketch; default 2048. */
  maxBins?: number;
  /** Hours of hour buckets kept; default 168. */
  retentionHours?: number;
}
/** One histogram over a window: count, min, max and sum are exact; percentiles within the relative error. */
export interface HistogramSummary {
  count: number; min: number; max: number; sum: number; mean: number;
  p50: number; p95: number; p99: number; ratePerSec: number;
}
/** Everything over a window. */
export interface MetricsSummary {
  hours: number;
  nowMs: number;
  histograms: Record<string, HistogramSummary>;
  counters: Record<string, { total: number; ratePerSec: number }>;
  cache: { l1: number; l2: number; overall: number };
  outcomes: Record<string, number>;
}
/** A registry's full state: JSON round-trippable, mergeable into another registry. */
export type MetricsExport = { settings: MetricsSettings; series: Record<string, unknown> };
"#;

/// A registry of named metrics: histograms (DDSketch, 1 % relative error by default) and
/// counters, in minute buckets rolled up to hours, kept for a bounded time. Times are
/// milliseconds since the epoch, passed in by the caller.
#[wasm_bindgen]
pub struct Metrics(metrics::Registry);

fn err(e: metrics::MetricsError) -> JsValue {
    error::to_js(&crate::Error::from(e))
}

#[wasm_bindgen]
impl Metrics {
    /// A registry with these settings (defaults where missing).
    /// @throws SnapdfError `INVALID_OPTIONS` naming a wrong setting
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "MetricsSettings | undefined")] settings: JsValue,
    ) -> Result<Metrics, JsValue> {
        let settings: MetricsSettings = convert::from_js(settings).map_err(|e| error::to_js(&e))?;
        metrics::Registry::new(settings).map(Metrics).map_err(|e| error::to_js(&e))
    }

    /// Records a value (ms, bytes, …) into a histogram.
    /// @throws SnapdfError `INVALID_METRIC` for a bad name or value
    pub fn record(&mut self, name: &str, value: f64, now: f64) -> Result<(), JsValue> {
        self.0.record(name, value, convert::to_u64(now)).map_err(err)
    }

    /// Adds to a counter.
    /// @throws SnapdfError `INVALID_METRIC` for a bad name or increment
    pub fn increment(&mut self, name: &str, by: f64, now: f64) -> Result<(), JsValue> {
        self.0.increment(name, by, convert::to_u64(now)).map_err(err)
    }

    /// Figures over the last `hours` before `now`.
    /// @throws SnapdfError `INVALID_OPTIONS` at `options.hours` for hours that are not a finite number above 0
    #[wasm_bindgen(unchecked_return_type = "MetricsSummary")]
    pub fn summary(&mut self, hours: f64, now: f64) -> Result<JsValue, JsValue> {
        self.0.summary(hours, convert::to_u64(now)).map(|s| convert::to_js(&s)).map_err(|e| error::to_js(&e))
    }

    /// The summary in the Prometheus text exposition format.
    #[wasm_bindgen(js_name = toPrometheus)]
    pub fn to_prometheus(&mut self, hours: f64, now: f64) -> Result<String, JsValue> {
        self.0.summary(hours, convert::to_u64(now)).map(|s| metrics::to_prometheus(&s)).map_err(|e| error::to_js(&e))
    }

    /// Histogram `name` over the last `hours` before `now`, per minute (an hour or less)
    /// or per hour: `[{ startMs, summary }]`, oldest first, buckets with values only.
    /// @throws SnapdfError `INVALID_OPTIONS` at `options.hours` for hours that are not a finite number above 0
    #[wasm_bindgen(unchecked_return_type = "{ startMs: number, summary: HistogramSummary }[]")]
    pub fn timeline(&mut self, name: &str, hours: f64, now: f64) -> Result<JsValue, JsValue> {
        self.0.timeline(name, hours, convert::to_u64(now)).map(|t| convert::to_js(&t)).map_err(|e| error::to_js(&e))
    }

    /// The full state, to persist or merge elsewhere, as plain data: what `JSON.parse`
    /// reads from its JSON form (maps' number keys as strings).
    #[wasm_bindgen(js_name = exportState, unchecked_return_type = "MetricsExport")]
    pub fn export_state(&mut self, now: f64) -> Result<JsValue, JsValue> {
        let export = self.0.export(convert::to_u64(now)).map_err(err)?;
        Ok(export_to_js(&export))
    }

    /// Adds an exported state (from `exportState`, or its JSON form parsed: another
    /// worker's, tab's or run's) to this registry.
    /// @throws SnapdfError `INVALID_METRIC` if it is not an export or was kept with other settings
    #[wasm_bindgen(js_name = mergeState)]
    pub fn merge_state(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "MetricsExport")] state: JsValue,
    ) -> Result<(), JsValue> {
        let export = export_from_js(state)
            .map_err(|message| error::to_js(&crate::Error::from(metrics::MetricsError::BadExport(message))))?;
        self.0.merge(&export).map_err(err)
    }

    /// Drops buckets that ended more than `hours` before `now`.
    /// @throws SnapdfError `INVALID_OPTIONS` at `options.hours` for hours that are not a finite number, 0 or more
    #[wasm_bindgen(js_name = clearOld)]
    pub fn clear_old(&mut self, hours: f64, now: f64) -> Result<(), JsValue> {
        self.0.clear_old(hours, convert::to_u64(now)).map_err(|e| error::to_js(&e))
    }

    /// Forgets everything.
    pub fn reset(&mut self) {
        self.0.reset();
    }

    /// Metrics, buckets and sketch bins held (8 bytes a bin).
    #[wasm_bindgen(unchecked_return_type = "{ metrics: number, buckets: number, bins: number }")]
    pub fn footprint(&self) -> JsValue {
        convert::to_js(&self.0.footprint())
    }
}

// An export crosses as plain data. The render modules read and write JSON text anyway, so
// they go through its text and the host's `JSON`; the front module has no JSON text
// reader or writer of its own to spare, so it goes through a `serde_json::Value` (4.5 KiB
// less gzipped there, 6 KiB more in a render module: BENCHMARKS.md, "The front module").

/// An export as a JS value, through JSON text.
#[cfg(feature = "render")]
fn export_to_js(export: &Export) -> JsValue {
    // Plain data with finite numbers (empty sketches are never kept) is JSON.
    js_sys::JSON::parse(&serde_json::to_string(export).unwrap_or_default()).unwrap_or(JsValue::UNDEFINED)
}

/// An export as a JS value, through a JSON value.
#[cfg(not(feature = "render"))]
fn export_to_js(export: &Export) -> JsValue {
    convert::to_js(&serde_json::to_value(export).unwrap_or_default())
}

/// An export from a JS value, through JSON text; the error says what is wrong.
#[cfg(feature = "render")]
fn export_from_js(state: JsValue) -> Result<Export, String> {
    let text = js_sys::JSON::stringify(&state).ok().and_then(|t| t.as_string());
    serde_json::from_str(&text.ok_or("expected the plain data exportState gives")?).map_err(|e| e.to_string())
}

/// An export from a JS value, through a JSON value; the error says what is wrong.
#[cfg(not(feature = "render"))]
fn export_from_js(state: JsValue) -> Result<Export, String> {
    use serde::Deserialize;
    let value = convert::json_value(state).map_err(|e| e.to_string())?.unwrap_or_default();
    Export::deserialize(value).map_err(|e| e.to_string())
}
