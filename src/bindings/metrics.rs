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

    /// The full state as JSON text, to persist or merge elsewhere (like snapshots, this
    /// document crosses the boundary as JSON text: one parser for both, a smaller module).
    #[wasm_bindgen(js_name = exportJson)]
    pub fn export_json(&mut self, now: f64) -> Result<String, JsValue> {
        let export = self.0.export(convert::to_u64(now)).map_err(err)?;
        // Plain data with finite numbers (empty sketches are never kept) serializes.
        Ok(serde_json::to_string(&export).unwrap_or_default())
    }

    /// Adds an exported state (JSON text from `exportJson`: another worker's, tab's or
    /// run's) to this registry.
    /// @throws SnapdfError `INVALID_METRIC` if it is not an export or was kept with other settings
    #[wasm_bindgen(js_name = mergeJson)]
    pub fn merge_json(&mut self, json: &str) -> Result<(), JsValue> {
        let export: Export = serde_json::from_str(json)
            .map_err(|e| error::to_js(&crate::Error::from(metrics::MetricsError::BadExport(e.to_string()))))?;
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
