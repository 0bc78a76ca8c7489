//! Metrics: named histograms and counters in time buckets, with bounded memory.
//!
//! Timings (milliseconds) and sizes go into DDSketch histograms (Masson, Rim and Lee,
//! "DDSketch: A Fast and Fully-Mergeable Quantile Sketch with Relative-Error
//! Guarantees", VLDB 2019; the `sketches-ddsketch` crate): every quantile it reports is
//! within a relative error `alpha` (default 1 %) of the exact sample quantile, and
//! sketches merge exactly, so summaries from several workers or tabs combine.
//! Count, sum, min and max are exact.
//!
//! Each metric keeps one bucket per minute for the last hour; older minutes are rolled
//! up into hour buckets, which are kept for a retention period (default 168 hours).
//! A histogram therefore holds at most 60 + 168 + 1 sketches of at most `max_bins` bins
//! each, however long the app runs. Time is passed in by the caller (ms since the
//! epoch); nothing here reads a clock.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sketches_ddsketch::{Config, DDSketch};

/// One minute in milliseconds.
pub const MINUTE_MS: u64 = 60_000;
/// One hour in milliseconds.
pub const HOUR_MS: u64 = 60 * MINUTE_MS;
/// Minute buckets kept before they roll up into their hour.
const MINUTES_KEPT: u64 = 60;

/// How histograms are kept.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct MetricsSettings {
    /// Relative error bound of every percentile, e.g. 0.01 for 1 %. Default 0.01.
    pub relative_error: f64,
    /// Most bins per sketch (memory bound: 8 bytes each). Default 2,048, which covers
    /// values over 17 orders of magnitude at 1 % before the lowest bins are merged.
    pub max_bins: u32,
    /// Hours of hour buckets kept. Default 168 (7 days).
    pub retention_hours: u64,
}

impl Default for MetricsSettings {
    fn default() -> Self {
        MetricsSettings { relative_error: 0.01, max_bins: 2048, retention_hours: 168 }
    }
}

/// The largest value a histogram records or a counter adds at once: 10^15 (31,700 years in
/// ms, a petabyte in bytes). Sums and totals then stay finite for any number of values
/// (two values of 1e308 made the sum infinite, which JSON cannot hold, so the export no
/// longer merged).
pub const MAX_VALUE: f64 = 1e15;

/// The relative errors a sketch is kept at: below 1e-4 the bin index of DDSketch
/// (sketches-ddsketch 0.4) saturates (wrong percentiles from about 1e-7) and then
/// panics (1e-9); 1 and above is no bound at all.
pub const RELATIVE_ERROR: std::ops::Range<f64> = 1e-4..1.0;
/// The bins a sketch may be given (8 bytes each).
pub const MAX_BINS: std::ops::RangeInclusive<u32> = 128..=65_536;
/// The hours of hour buckets that may be kept (up to 10 years).
pub const RETENTION_HOURS: std::ops::RangeInclusive<u64> = 1..=87_600;

/// The orders of magnitude a sketch must cover before its lowest bins merge (a
/// latency from 1 µs to 1 s, or a size from 1 byte to 1 MB): a sketch with fewer bins
/// for its relative error reports wrong low and middle percentiles.
pub const DECADES_COVERED: u32 = 6;

/// The bins DDSketch needs to cover `decades` orders of magnitude at relative error
/// `alpha`: each bin spans a factor `gamma = (1 + alpha) / (1 - alpha)` (Masson, Rim and
/// Lee, "DDSketch: A Fast and Fully-Mergeable Quantile Sketch with Relative-Error
/// Guarantees", VLDB 2019, section 2), rounded up.
fn bins_for_decades(alpha: f64, decades: u32) -> f64 {
    (f64::from(decades) * std::f64::consts::LN_10 / ((1.0 + alpha) / (1.0 - alpha)).ln()).ceil()
}

impl MetricsSettings {
    /// Checks every setting's range ([`RELATIVE_ERROR`], [`MAX_BINS`],
    /// [`RETENTION_HOURS`]), and that the bins cover [`DECADES_COVERED`] orders of
    /// magnitude at the relative error (0.01 needs 691 bins, 0.001 needs 6,908).
    ///
    /// # Errors
    /// [`crate::Error::Options`] at `metrics.relativeError`, `metrics.maxBins` or
    /// `metrics.retentionHours`, saying what range is expected.
    pub fn check(&self) -> Result<(), crate::Error> {
        let bad = |field: &str, message: String| crate::Error::Options { path: format!("metrics.{field}"), message };
        if !RELATIVE_ERROR.contains(&self.relative_error) {
            let message = format!(
                "{} is not a relative error: expected at least 0.0001 and less than 1 (0.01 is 1 %)",
                self.relative_error
            );
            return Err(bad("relativeError", message));
        }
        if !MAX_BINS.contains(&self.max_bins) {
            return Err(bad("maxBins", format!("{} bins: expected 128 to 65,536", self.max_bins)));
        }
        let needed = bins_for_decades(self.relative_error, DECADES_COVERED);
        if f64::from(self.max_bins) < needed {
            let message = format!(
                "{} bins cover less than {DECADES_COVERED} orders of magnitude at a relative error of {}: \
                 give at least {needed} bins, or a larger relative error",
                self.max_bins, self.relative_error
            );
            return Err(bad("maxBins", message));
        }
        if !RETENTION_HOURS.contains(&self.retention_hours) {
            return Err(bad("retentionHours", format!("{} hours: expected 1 to 87,600", self.retention_hours)));
        }
        Ok(())
    }
}

/// Why a metric could not be recorded or merged.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MetricsError {
    /// A metric name must be 1 to 100 characters of `a-z`, `0-9`, `_` and `.`.
    #[error("`{0}` is not a metric name: use 1 to 100 characters of a-z, 0-9, '_' and '.'")]
    BadName(String),
    /// The metric exists with the other kind (a histogram used as a counter or back).
    #[error("`{name}` is a {existing}, not a {wanted}")]
    KindMismatch {
        /// The metric.
        name: String,
        /// Its kind.
        existing: &'static str,
        /// The kind asked for.
        wanted: &'static str,
    },
    /// Values must be from 0 to [`MAX_VALUE`].
    #[error("{value} is not a value for `{name}`: record numbers from 0 to 10^15")]
    BadValue {
        /// The metric.
        name: String,
        /// The value given.
        value: f64,
    },
    /// What was given to merge is not an exported registry.
    #[error("not exported metrics: {0}")]
    BadExport(String),
    /// The two registries were kept with different settings.
    #[error("cannot merge metrics kept with different settings (relative error or bins)")]
    SettingsMismatch,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Kind {
    Histogram,
    Counter,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Histogram => "histogram",
            Kind::Counter => "counter",
        }
    }
}

/// One time bucket of one metric.
#[derive(Clone, Default, Serialize, Deserialize)]
struct Bucket {
    /// Histograms: the values (created on the first value, never empty).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sketch: Option<DDSketch>,
    /// Counters: the sum of increments.
    #[serde(default)]
    total: f64,
}

impl std::fmt::Debug for Bucket {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let count = self.sketch.as_ref().map_or(0, DDSketch::count);
        f.debug_struct("Bucket").field("values", &count).field("total", &self.total).finish()
    }
}

impl Bucket {
    fn merge(&mut self, other: &Bucket) -> Result<(), MetricsError> {
        self.total += other.total;
        match (&mut self.sketch, &other.sketch) {
            (Some(a), Some(b)) => a.merge(b).map_err(|_| MetricsError::SettingsMismatch)?,
            (None, Some(b)) => self.sketch = Some(b.clone()),
            _ => {}
        }
        Ok(())
    }
}

/// A metric's buckets: by minute index (ms / 60,000) and by hour index (ms / 3,600,000).
/// As JSON, the indexes are object keys, so strings.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Series {
    kind: Kind,
    #[serde(deserialize_with = "by_index")]
    minutes: BTreeMap<u64, Bucket>,
    #[serde(deserialize_with = "by_index")]
    hours: BTreeMap<u64, Bucket>,
}

/// Reads buckets keyed by their index written as a string (`"29000000"`), parsing each
/// key with `str::parse`: serde_json would parse them with its whole JSON number reader,
/// which the front module otherwise leaves out (BENCHMARKS.md, "The front module"). Into
/// the map it fills, so no other map type is compiled in.
fn by_index<'de, D: serde::Deserializer<'de>>(d: D) -> Result<BTreeMap<u64, Bucket>, D::Error> {
    d.deserialize_map(ByIndex)
}

/// The visitor of [`by_index`].
struct ByIndex;

impl<'de> serde::de::Visitor<'de> for ByIndex {
    type Value = BTreeMap<u64, Bucket>;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("buckets by their index")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut buckets = BTreeMap::new();
        while let Some((key, bucket)) = map.next_entry::<String, Bucket>()? {
            let index = key
                .parse::<u64>()
                .map_err(|_| serde::de::Error::custom(format!("a bucket's index `{key}` is not a whole number")))?;
            buckets.insert(index, bucket);
        }
        Ok(buckets)
    }
}

impl Series {
    fn new(kind: Kind) -> Self {
        Series { kind, minutes: BTreeMap::new(), hours: BTreeMap::new() }
    }

    /// Rolls minutes older than an hour into their hour bucket and drops hour buckets
    /// past the retention.
    fn roll(&mut self, now: u64, retention_hours: u64) -> Result<(), MetricsError> {
        let current_minute = now / MINUTE_MS;
        while let Some(entry) = self.minutes.first_entry() {
            if *entry.key() + MINUTES_KEPT > current_minute {
                break;
            }
            let (minute, bucket) = entry.remove_entry();
            self.hours.entry(minute * MINUTE_MS / HOUR_MS).or_default().merge(&bucket)?;
        }
        let oldest_hour = (now / HOUR_MS).saturating_sub(retention_hours);
        while let Some(entry) = self.hours.first_entry() {
            if *entry.key() >= oldest_hour {
                break;
            }
            entry.remove();
        }
        Ok(())
    }

    /// The buckets of the window from `from` to `now` (ms), merged. Minute buckets
    /// cover the last hour exactly, so a window within it has minute resolution; a
    /// longer one takes whole hour buckets from the hour `from` falls in.
    fn window(&self, from: u64, now: u64) -> Result<Bucket, MetricsError> {
        let mut out = Bucket::default();
        let minutes_from = if from / MINUTE_MS + MINUTES_KEPT > now / MINUTE_MS {
            from / MINUTE_MS
        } else {
            for (_, b) in self.hours.range(from / HOUR_MS..) {
                out.merge(b)?;
            }
            0
        };
        for (_, b) in self.minutes.range(minutes_from..) {
            out.merge(b)?;
        }
        Ok(out)
    }

    fn buckets(&self) -> impl Iterator<Item = &Bucket> {
        self.minutes.values().chain(self.hours.values())
    }
}

/// Per-metric figures over a window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistogramSummary {
    /// Values recorded (exact).
    pub count: u64,
    /// Smallest value (exact).
    pub min: f64,
    /// Largest value (exact).
    pub max: f64,
    /// Sum of values (exact up to floating point).
    pub sum: f64,
    /// sum / count.
    pub mean: f64,
    /// Median, within the relative error.
    pub p50: f64,
    /// 95th percentile, within the relative error.
    pub p95: f64,
    /// 99th percentile, within the relative error.
    pub p99: f64,
    /// count per second over the window.
    pub rate_per_sec: f64,
}

/// One bucket of a histogram's timeline ([`Registry::timeline`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimePoint {
    /// The bucket's start, in ms since the epoch (a whole minute or hour).
    pub start_ms: u64,
    /// Its figures; `rate_per_sec` over the bucket's length.
    pub summary: HistogramSummary,
}

/// A counter over a window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CounterSummary {
    /// Sum of increments in the window.
    pub total: f64,
    /// total per second over the window.
    pub rate_per_sec: f64,
}

/// Cache hit rates over a window, from the counters `cache.l1.hits`, `cache.l1.misses`,
/// `cache.l2.hits` and `cache.l2.misses` (0 where there were no lookups).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HitRates {
    /// L1 hits / L1 lookups.
    pub l1: f64,
    /// L2 hits / L2 lookups.
    pub l2: f64,
    /// (L1 + L2 hits) / L1 lookups: a request is a hit if either layer served it.
    pub overall: f64,
}

/// Checks a window of `hours`: finite, and above 0 (or at least 0 with `zero`).
fn check_hours(hours: f64, zero: bool) -> Result<(), crate::Error> {
    if hours.is_finite() && (hours > 0.0 || (zero && hours == 0.0)) {
        return Ok(());
    }
    let above = if zero { "0 or more" } else { "more than 0" };
    Err(crate::Error::Options {
        path: "hours".to_owned(),
        message: format!("{hours} is not a number of hours: give a finite number, {above}"),
    })
}

/// Everything over a window of `hours`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// The window, in hours.
    pub hours: f64,
    /// Its end, in ms since the epoch.
    pub now_ms: u64,
    /// Histograms by name.
    pub histograms: BTreeMap<String, HistogramSummary>,
    /// Counters by name.
    pub counters: BTreeMap<String, CounterSummary>,
    /// Cache hit rates.
    pub cache: HitRates,
    /// Task and render outcomes: counters named `outcome.*`, without the prefix.
    pub outcomes: BTreeMap<String, f64>,
}

/// A registry's full state, as exported and merged (JSON round-trippable).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Export {
    /// The settings the sketches were kept with.
    pub settings: MetricsSettings,
    series: BTreeMap<String, Series>,
}

/// How much memory the registry holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Footprint {
    /// Metrics.
    pub metrics: usize,
    /// Time buckets, over all metrics.
    pub buckets: usize,
    /// Sketch bins, over all buckets (8 bytes each).
    pub bins: usize,
}

/// The registry of named metrics.
#[derive(Debug, Clone)]
pub struct Registry {
    settings: MetricsSettings,
    config: Config,
    series: BTreeMap<String, Series>,
}

impl Registry {
    /// An empty registry.
    ///
    /// # Errors
    /// As [`MetricsSettings::check`]: a setting out of range is refused, never used
    /// (a relative error of 1e-10 made the sketch panic on its first value).
    pub fn new(settings: MetricsSettings) -> Result<Self, crate::Error> {
        settings.check()?;
        let config = Config::new(settings.relative_error, settings.max_bins, 1e-9);
        Ok(Registry { config, settings, series: BTreeMap::new() })
    }

    /// The settings.
    pub fn settings(&self) -> &MetricsSettings {
        &self.settings
    }

    /// Records `value` (a duration in ms, a size in bytes, …) into histogram `name` at `now`.
    ///
    /// # Errors
    /// A bad name or value, or `name` already being a counter.
    pub fn record(&mut self, name: &str, value: f64, now: u64) -> Result<(), MetricsError> {
        if !(0.0..=MAX_VALUE).contains(&value) {
            return Err(MetricsError::BadValue { name: name.to_owned(), value });
        }
        let config = self.config;
        let bucket = self.bucket(name, Kind::Histogram, now)?;
        bucket.sketch.get_or_insert_with(|| DDSketch::new(config)).add(value);
        Ok(())
    }

    /// Adds `by` to counter `name` at `now`.
    ///
    /// # Errors
    /// A bad name or increment, or `name` already being a histogram.
    pub fn increment(&mut self, name: &str, by: f64, now: u64) -> Result<(), MetricsError> {
        if !(0.0..=MAX_VALUE).contains(&by) {
            return Err(MetricsError::BadValue { name: name.to_owned(), value: by });
        }
        self.bucket(name, Kind::Counter, now)?.total += by;
        Ok(())
    }

    fn bucket(&mut self, name: &str, kind: Kind, now: u64) -> Result<&mut Bucket, MetricsError> {
        if !self.series.contains_key(name) {
            check_name(name)?;
            self.series.insert(name.to_owned(), Series::new(kind));
        }
        let retention = self.settings.retention_hours;
        let series = self.series.get_mut(name).ok_or_else(|| MetricsError::BadName(name.to_owned()))?;
        if series.kind != kind {
            return Err(MetricsError::KindMismatch {
                name: name.to_owned(),
                existing: series.kind.name(),
                wanted: kind.name(),
            });
        }
        series.roll(now, retention)?;
        Ok(series.minutes.entry(now / MINUTE_MS).or_default())
    }

    fn roll_all(&mut self, now: u64) -> Result<(), MetricsError> {
        let retention = self.settings.retention_hours;
        for s in self.series.values_mut() {
            s.roll(now, retention)?;
        }
        self.series.retain(|_, s| !s.minutes.is_empty() || !s.hours.is_empty());
        Ok(())
    }

    /// Figures over the last `hours` before `now`. Within the last hour the window is
    /// exact to the minute; a longer window starts at the beginning of the hour its
    /// start falls in.
    ///
    /// # Errors
    /// [`crate::Error::Options`] at `hours` for a window that is not a finite number of
    /// hours above 0 (`Infinity` was read as 24); [`MetricsError`] only if merged
    /// sketches disagree on their settings (not possible for one registry).
    pub fn summary(&mut self, hours: f64, now: u64) -> Result<Summary, crate::Error> {
        check_hours(hours, false)?;
        self.roll_all(now)?;
        let from = now.saturating_sub((hours * HOUR_MS as f64) as u64);
        let seconds = hours * 3600.0;
        let mut summary = Summary {
            hours,
            now_ms: now,
            histograms: BTreeMap::new(),
            counters: BTreeMap::new(),
            cache: HitRates::default(),
            outcomes: BTreeMap::new(),
        };
        for (name, series) in &self.series {
            let window = series.window(from, now)?;
            match (series.kind, window.sketch) {
                (Kind::Histogram, Some(sketch)) => {
                    summary.histograms.insert(name.clone(), histogram_summary(&sketch, seconds));
                }
                (Kind::Counter, _) => {
                    let total = window.total;
                    summary.counters.insert(name.clone(), CounterSummary { total, rate_per_sec: total / seconds });
                    if let Some(outcome) = name.strip_prefix("outcome.") {
                        summary.outcomes.insert(outcome.to_owned(), total);
                    }
                }
                _ => {}
            }
        }
        summary.cache = hit_rates(&summary.counters);
        Ok(summary)
    }

    /// Histogram `name` over the last `hours` before `now`, bucket by bucket: per minute
    /// for a window of an hour or less, else per hour (the minutes of the last hour
    /// merged into theirs). Only buckets with values; oldest first. Empty for a name
    /// that is not a histogram.
    ///
    /// # Errors
    /// As [`Registry::summary`].
    pub fn timeline(&mut self, name: &str, hours: f64, now: u64) -> Result<Vec<TimePoint>, crate::Error> {
        check_hours(hours, false)?;
        self.roll_all(now)?;
        let Some(series) = self.series.get(name).filter(|s| s.kind == Kind::Histogram) else { return Ok(Vec::new()) };
        let from = now.saturating_sub((hours * HOUR_MS as f64) as u64);
        let step = if hours <= 1.0 { MINUTE_MS } else { HOUR_MS };
        let mut buckets: BTreeMap<u64, Bucket> = BTreeMap::new();
        let minutes = series.minutes.iter().map(|(m, b)| (m * MINUTE_MS, b));
        // Hour buckets hold what is older than the minutes: none of it in a minute view.
        let hours_kept = series.hours.iter().map(|(h, b)| (h * HOUR_MS, b)).filter(|_| step == HOUR_MS);
        for (start, bucket) in hours_kept.chain(minutes) {
            if start + step > from {
                buckets.entry(start / step * step).or_default().merge(bucket)?;
            }
        }
        let seconds = step as f64 / 1000.0;
        Ok(buckets
            .into_iter()
            .filter_map(|(start_ms, b)| {
                b.sketch.map(|s| TimePoint { start_ms, summary: histogram_summary(&s, seconds) })
            })
            .collect())
    }

    /// The full state, for persistence or merging elsewhere.
    ///
    /// # Errors
    /// As [`Registry::summary`].
    pub fn export(&mut self, now: u64) -> Result<Export, MetricsError> {
        self.roll_all(now)?;
        Ok(Export { settings: self.settings, series: self.series.clone() })
    }

    /// Adds another registry's state (from a worker, a tab, an earlier run) to this one.
    ///
    /// # Errors
    /// [`MetricsError::SettingsMismatch`] if it was kept with another relative error or
    /// bin limit; [`MetricsError::KindMismatch`] if a name has the other kind here.
    pub fn merge(&mut self, other: &Export) -> Result<(), MetricsError> {
        if other.settings.relative_error != self.settings.relative_error
            || other.settings.max_bins != self.settings.max_bins
        {
            return Err(MetricsError::SettingsMismatch);
        }
        // Into a copy, kept only if every series merges: a bad one half-way through
        // leaves this registry as it was, never half-merged.
        let mut merged = self.series.clone();
        for (name, theirs) in &other.series {
            check_name(name)?;
            let ours = merged.entry(name.clone()).or_insert_with(|| Series::new(theirs.kind));
            if ours.kind != theirs.kind {
                return Err(MetricsError::KindMismatch {
                    name: name.clone(),
                    existing: ours.kind.name(),
                    wanted: theirs.kind.name(),
                });
            }
            for (k, b) in &theirs.minutes {
                ours.minutes.entry(*k).or_default().merge(b)?;
            }
            for (k, b) in &theirs.hours {
                ours.hours.entry(*k).or_default().merge(b)?;
            }
        }
        self.series = merged;
        Ok(())
    }

    /// Drops every bucket that ended more than `hours` before `now`.
    ///
    /// # Errors
    /// [`crate::Error::Options`] at `hours` for a number of hours that is not finite or
    /// is below 0 (`NaN` used to clear everything).
    pub fn clear_old(&mut self, hours: f64, now: u64) -> Result<(), crate::Error> {
        check_hours(hours, true)?;
        let from = now.saturating_sub((hours * HOUR_MS as f64) as u64);
        for s in self.series.values_mut() {
            s.minutes.retain(|m, _| (m + 1) * MINUTE_MS > from);
            s.hours.retain(|h, _| (h + 1) * HOUR_MS > from);
        }
        self.series.retain(|_, s| !s.minutes.is_empty() || !s.hours.is_empty());
        Ok(())
    }

    /// Forgets everything.
    pub fn reset(&mut self) {
        self.series.clear();
    }

    /// Metrics, buckets and sketch bins held now.
    pub fn footprint(&self) -> Footprint {
        let buckets = self.series.values().map(|s| s.minutes.len() + s.hours.len()).sum();
        let bins = self
            .series
            .values()
            .flat_map(Series::buckets)
            .filter_map(|b| b.sketch.as_ref())
            .map(DDSketch::length)
            .sum();
        Footprint { metrics: self.series.len(), buckets, bins }
    }
}

fn check_name(name: &str) -> Result<(), MetricsError> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'.');
    if ok { Ok(()) } else { Err(MetricsError::BadName(name.to_owned())) }
}

fn histogram_summary(s: &DDSketch, seconds: f64) -> HistogramSummary {
    let q = |p: f64| s.quantile(p).ok().flatten().unwrap_or(0.0);
    let count = s.count() as u64;
    let sum = s.sum().unwrap_or(0.0);
    HistogramSummary {
        count,
        min: s.min().unwrap_or(0.0),
        max: s.max().unwrap_or(0.0),
        sum,
        mean: if count == 0 { 0.0 } else { sum / count as f64 },
        // DDSketch's estimate is within alpha of the value at that rank; clamping to
        // the exact min and max keeps the estimate inside the observed range.
        p50: q(0.5).clamp(s.min().unwrap_or(0.0), s.max().unwrap_or(0.0)),
        p95: q(0.95).clamp(s.min().unwrap_or(0.0), s.max().unwrap_or(0.0)),
        p99: q(0.99).clamp(s.min().unwrap_or(0.0), s.max().unwrap_or(0.0)),
        rate_per_sec: count as f64 / seconds,
    }
}

fn hit_rates(counters: &BTreeMap<String, CounterSummary>) -> HitRates {
    let get = |name: &str| counters.get(name).map_or(0.0, |c| c.total);
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    let (h1, m1, h2, m2) = (get("cache.l1.hits"), get("cache.l1.misses"), get("cache.l2.hits"), get("cache.l2.misses"));
    HitRates { l1: ratio(h1, h1 + m1), l2: ratio(h2, h2 + m2), overall: ratio(h1 + h2, h1 + m1) }
}

/// The summary in the Prometheus text exposition format (version 0.0.4): histograms as
/// `summary` metrics with 0.5/0.95/0.99 quantiles, `_sum` and `_count`; counters and hit
/// rates as gauges (they cover the summary's window, not the process lifetime). Names
/// are `snapdf_` + the metric name with `.` as `_`.
pub fn to_prometheus(summary: &Summary) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let window = format!("over the last {} h", summary.hours);
    for (name, h) in &summary.histograms {
        let n = prom_name(name);
        let _ = writeln!(out, "# HELP {n} snapdf {name} {window}\n# TYPE {n} summary");
        for (q, v) in [("0.5", h.p50), ("0.95", h.p95), ("0.99", h.p99)] {
            let _ = writeln!(out, "{n}{{quantile=\"{q}\"}} {v}");
        }
        let _ = writeln!(out, "{n}_sum {}\n{n}_count {}", h.sum, h.count);
    }
    for (name, c) in &summary.counters {
        let n = prom_name(name);
        let _ = writeln!(out, "# HELP {n} snapdf {name} {window}\n# TYPE {n} gauge\n{n} {}", c.total);
    }
    for (layer, rate) in [("l1", summary.cache.l1), ("l2", summary.cache.l2), ("overall", summary.cache.overall)] {
        let _ = writeln!(
            out,
            "# HELP snapdf_cache_hit_rate_{layer} cache hit rate {window}\n# TYPE snapdf_cache_hit_rate_{layer} gauge\nsnapdf_cache_hit_rate_{layer} {rate}"
        );
    }
    out
}

fn prom_name(name: &str) -> String {
    format!("snapdf_{}", name.replace('.', "_"))
}

#[cfg(test)]
mod tests;
