use super::*;
use serde::Deserialize;

const T0: u64 = 1_700_000_000_000 - 1_700_000_000_000 % HOUR_MS; // an hour boundary

/// SplitMix64 (Steele, Lea and Flood, 2014): a small deterministic generator for tests.
struct Rng(u64);

impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // 53 random bits in (0, 1].
        ((z >> 11) as f64 + 1.0) / (1u64 << 53) as f64
    }
}

/// Checks p50/p95/p99 of `values` against the exact sample quantiles at the same rank.
fn assert_quantiles_within_bound(values: Vec<f64>) {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    for &v in &values {
        r.record("x", v, T0).expect("valid value");
    }
    let s = r.summary(1.0, T0).expect("summary");
    let h = s.histograms["x"];
    let mut sorted = values;
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    assert_eq!(h.count, n as u64);
    assert_eq!(h.min, sorted[0]);
    assert_eq!(h.max, sorted[n - 1]);
    for (q, got) in [(0.5, h.p50), (0.95, h.p95), (0.99, h.p99)] {
        let exact = sorted[(q * (n as f64 - 1.0)) as usize];
        let err = (got - exact).abs() / exact;
        assert!(err <= 0.01 + 1e-12, "q{q}: {got} vs exact {exact}: relative error {err}");
    }
}

#[test]
fn percentiles_of_uniform_samples_are_within_one_percent() {
    let mut rng = Rng(1);
    assert_quantiles_within_bound((0..1_000_000).map(|_| rng.next_f64() * 1000.0).collect());
}

#[test]
fn percentiles_of_exponential_samples_are_within_one_percent() {
    let mut rng = Rng(2);
    // Inverse transform: -ln(U) / lambda, mean 20 ms.
    assert_quantiles_within_bound((0..1_000_000).map(|_| -rng.next_f64().ln() * 20.0).collect());
}

#[test]
fn percentiles_of_pareto_samples_are_within_one_percent() {
    let mut rng = Rng(3);
    // Pareto with x_m = 1 ms, shape 1.16 (the "80-20" tail): x_m / U^(1/alpha).
    assert_quantiles_within_bound((0..1_000_000).map(|_| 1.0 / rng.next_f64().powf(1.0 / 1.16)).collect());
}

#[test]
fn minutes_roll_up_into_hours_and_hours_expire_after_retention() {
    let mut r = Registry::new(MetricsSettings { retention_hours: 3, ..Default::default() }).expect("settings");
    for m in 0..120 {
        r.record("t", m as f64, T0 + m * MINUTE_MS).expect("valid");
    }
    // At T0 + 2 h: minutes 0..60 (hour 0) have rolled into an hour bucket; 60 remain.
    let f = r.footprint();
    assert_eq!(f.buckets, 1 + 60);
    let s = r.summary(24.0, T0 + 120 * MINUTE_MS).expect("summary");
    assert_eq!(s.histograms["t"].count, 120);
    assert_eq!((s.histograms["t"].min, s.histograms["t"].max), (0.0, 119.0));
    // The last 30 minutes only.
    let last = r.summary(0.5, T0 + 120 * MINUTE_MS).expect("summary").histograms["t"];
    assert_eq!(last.count, 30);
    assert_eq!(last.min, 90.0);
    // Past the retention, the first hour's bucket is gone.
    let s = r.summary(24.0, T0 + 4 * HOUR_MS).expect("summary");
    assert_eq!(s.histograms["t"].count, 60);
    assert_eq!(s.histograms["t"].min, 60.0);
    let s = r.summary(24.0, T0 + 10 * HOUR_MS).expect("summary");
    assert!(s.histograms.is_empty());
}

#[test]
fn counters_rates_hit_rates_and_outcomes() {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    let now = T0 + 30 * MINUTE_MS;
    r.increment("cache.l1.hits", 6.0, now).expect("valid");
    r.increment("cache.l1.misses", 4.0, now).expect("valid");
    r.increment("cache.l2.hits", 3.0, now).expect("valid");
    r.increment("cache.l2.misses", 1.0, now).expect("valid");
    r.increment("outcome.completed", 9.0, now).expect("valid");
    r.increment("outcome.failed.invalid_snapshot", 1.0, now).expect("valid");
    let s = r.summary(1.0, now).expect("summary");
    assert_eq!(s.cache, HitRates { l1: 0.6, l2: 0.75, overall: 0.9 });
    assert_eq!(s.outcomes["completed"], 9.0);
    assert_eq!(s.outcomes["failed.invalid_snapshot"], 1.0);
    assert_eq!(s.counters["cache.l1.hits"].rate_per_sec, 6.0 / 3600.0);
}

#[test]
fn merge_is_associative_and_exact_for_count_min_max() {
    let part = |seed: u64, offset: u64| {
        let mut r = Registry::new(MetricsSettings::default()).expect("settings");
        let mut rng = Rng(seed);
        for i in 0..10_000 {
            r.record("lat", rng.next_f64() * 100.0 * seed as f64, T0 + offset + i * 100).expect("valid");
            r.increment("n", 1.0, T0 + offset + i * 100).expect("valid");
        }
        r.export(T0 + 2 * HOUR_MS).expect("export")
    };
    let (a, b, c) = (part(1, 0), part(2, HOUR_MS / 2), part(3, HOUR_MS));
    let fresh = || Registry::new(MetricsSettings::default()).expect("settings");
    // (a + b) + c
    let mut left = fresh();
    left.merge(&a).expect("merge");
    left.merge(&b).expect("merge");
    let mut left_all = fresh();
    left_all.merge(&left.export(T0 + 2 * HOUR_MS).expect("export")).expect("merge");
    left_all.merge(&c).expect("merge");
    // a + (b + c)
    let mut right = fresh();
    right.merge(&b).expect("merge");
    right.merge(&c).expect("merge");
    let mut right_all = fresh();
    right_all.merge(&a).expect("merge");
    right_all.merge(&right.export(T0 + 2 * HOUR_MS).expect("export")).expect("merge");
    let now = T0 + 2 * HOUR_MS;
    let (l, r) = (left_all.summary(24.0, now).expect("summary"), right_all.summary(24.0, now).expect("summary"));
    assert_eq!(l.histograms["lat"].count, 30_000);
    assert_eq!(l.counters["n"].total, 30_000.0);
    assert_eq!(l.histograms["lat"].p99, r.histograms["lat"].p99);
    assert_eq!(l.histograms["lat"].p50, r.histograms["lat"].p50);
    assert_eq!((l.histograms["lat"].min, l.histograms["lat"].max), (r.histograms["lat"].min, r.histograms["lat"].max));
    assert!((l.histograms["lat"].sum - r.histograms["lat"].sum).abs() < 1e-6);
}

#[test]
fn export_round_trips_through_json() {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    r.record("render.ms", 12.5, T0).expect("valid");
    r.increment("renders", 1.0, T0).expect("valid");
    let json = serde_json::to_string(&r.export(T0).expect("export")).expect("serializes");
    let back: Export = serde_json::from_str(&json).expect("deserializes");
    let mut other = Registry::new(MetricsSettings::default()).expect("settings");
    other.merge(&back).expect("merge");
    assert_eq!(other.summary(1.0, T0).expect("summary"), r.summary(1.0, T0).expect("summary"));
    // Another relative error cannot be merged.
    let mut coarse = Registry::new(MetricsSettings { relative_error: 0.05, ..Default::default() }).expect("settings");
    assert_eq!(coarse.merge(&back), Err(MetricsError::SettingsMismatch));
}

#[test]
fn an_export_read_as_a_json_value_keeps_its_buckets_and_names_a_bad_index() {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    r.record("render.ms", 12.5, T0).expect("valid");
    r.record("render.ms", 3.0, T0 + 2 * HOUR_MS).expect("valid");
    // As the front module reads it: through a JSON value, not text.
    let value = serde_json::to_value(r.export(T0 + 2 * HOUR_MS).expect("export")).expect("serializes");
    let back = Export::deserialize(value.clone()).expect("deserializes");
    let mut other = Registry::new(MetricsSettings::default()).expect("settings");
    other.merge(&back).expect("merge");
    let now = T0 + 2 * HOUR_MS;
    assert_eq!(other.summary(3.0, now).expect("summary"), r.summary(3.0, now).expect("summary"));
    let bad = value.to_string().replacen(&format!("\"{}\"", T0 / HOUR_MS), "\"x1\"", 1);
    let err = serde_json::from_str::<Export>(&bad).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("a bucket's index `x1` is not a whole number"), "{err}");
}

#[test]
fn memory_per_histogram_stays_bounded() {
    let settings = MetricsSettings { relative_error: 0.05, max_bins: 256, retention_hours: 168 };
    let mut r = Registry::new(settings).expect("settings");
    let mut rng = Rng(9);
    // 300 hours of one value a minute over 24 orders of magnitude.
    for m in 0..300 * 60 {
        let v = 10f64.powf(rng.next_f64() * 24.0 - 9.0);
        r.record("wide", v, T0 + m * MINUTE_MS).expect("valid");
    }
    let f = r.footprint();
    assert!(f.buckets <= 60 + 168 + 1, "{} buckets", f.buckets);
    assert!(f.bins <= f.buckets * 256, "{} bins", f.bins);
}

#[test]
fn bad_names_values_and_kinds_are_refused() {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    assert!(matches!(r.record("Bad Name", 1.0, T0), Err(MetricsError::BadName(_))));
    assert!(matches!(r.record("", 1.0, T0), Err(MetricsError::BadName(_))));
    assert!(matches!(r.record("x", f64::NAN, T0), Err(MetricsError::BadValue { .. })));
    assert!(matches!(r.record("x", -1.0, T0), Err(MetricsError::BadValue { .. })));
    r.increment("c", 1.0, T0).expect("valid");
    let e = r.record("c", 1.0, T0).expect_err("a counter");
    assert_eq!(e.to_string(), "`c` is a counter, not a histogram");
    r.reset();
    assert_eq!(r.footprint().metrics, 0);
}

#[test]
fn clear_old_drops_old_buckets() {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    r.record("x", 1.0, T0).expect("valid");
    r.record("x", 2.0, T0 + 3 * HOUR_MS).expect("valid");
    r.clear_old(1.0, T0 + 3 * HOUR_MS).expect("hours");
    let s = r.summary(24.0, T0 + 3 * HOUR_MS).expect("summary");
    assert_eq!(s.histograms["x"].count, 1);
}

#[test]
fn prometheus_text_format() {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    r.record("render.ms", 10.0, T0).expect("valid");
    r.increment("cache.l1.hits", 2.0, T0).expect("valid");
    let text = to_prometheus(&r.summary(24.0, T0).expect("summary"));
    assert!(text.contains("# TYPE snapdf_render_ms summary\n"));
    assert!(text.contains("snapdf_render_ms{quantile=\"0.99\"} "));
    assert!(text.contains("snapdf_render_ms_count 1\n"));
    assert!(text.contains("# TYPE snapdf_cache_l1_hits gauge\nsnapdf_cache_l1_hits 2\n"));
    assert!(text.contains("snapdf_cache_hit_rate_overall 1\n"));
    // Every sample line is `name[{labels}] value`.
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (name, value) = line.rsplit_once(' ').expect("name and value");
        assert!(name.starts_with("snapdf_") && value.parse::<f64>().is_ok(), "{line}");
    }
}

#[test]
fn settings_out_of_range_are_refused_not_used() {
    for (settings, path) in [
        (MetricsSettings { relative_error: 1e-10, ..Default::default() }, "options.metrics.relativeError"),
        (MetricsSettings { relative_error: 1.0, ..Default::default() }, "options.metrics.relativeError"),
        (MetricsSettings { relative_error: f64::NAN, ..Default::default() }, "options.metrics.relativeError"),
        (MetricsSettings { max_bins: 1, ..Default::default() }, "options.metrics.maxBins"),
        (MetricsSettings { retention_hours: 0, ..Default::default() }, "options.metrics.retentionHours"),
        // 2,048 bins at 0.1 % cover less than 2 orders of magnitude: p50 of 1..=1000 came out as 664.
        (MetricsSettings { relative_error: 1e-3, ..Default::default() }, "options.metrics.maxBins"),
    ] {
        let err = Registry::new(settings).expect_err("refused");
        assert_eq!((err.code(), err.path().as_deref()), ("INVALID_OPTIONS", Some(path)), "{err}");
    }
    // A fine relative error with the bins it needs gives percentiles within it.
    let fine = MetricsSettings { relative_error: 1e-3, max_bins: 6_908, ..Default::default() };
    let mut r = Registry::new(fine).expect("settings");
    for v in 1..=1000 {
        r.record("x", f64::from(v) / 1000.0, 0).expect("recorded");
    }
    let p50 = r.summary(1.0, 0).expect("summary").histograms["x"].p50;
    assert!((p50 - 0.5).abs() <= 0.5 * 1e-3, "{p50}");
}

#[test]
fn windows_that_are_not_a_number_of_hours_are_refused() {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    r.record("x", 1.0, T0).expect("recorded");
    for hours in [f64::INFINITY, f64::NAN, 0.0, -1.0] {
        let err = r.summary(hours, T0).expect_err("refused");
        assert_eq!((err.code(), err.path().as_deref()), ("INVALID_OPTIONS", Some("options.hours")), "{hours}");
    }
    for hours in [f64::NAN, -1.0, f64::INFINITY] {
        assert!(r.clear_old(hours, T0).is_err(), "{hours}");
    }
    // NaN used to clear everything: the value is still there.
    assert_eq!(r.summary(1.0, T0).expect("summary").histograms["x"].count, 1);
}

#[test]
fn a_merge_that_fails_half_way_changes_nothing() {
    let mut ours = Registry::new(MetricsSettings::default()).expect("settings");
    ours.record("b.ms", 1.0, T0).expect("recorded");
    let mut theirs = Registry::new(MetricsSettings::default()).expect("settings");
    theirs.record("a.ms", 5.0, T0).expect("recorded");
    theirs.increment("b.ms", 1.0, T0).expect("a counter where ours has a histogram");
    let export = theirs.export(T0).expect("export");
    assert!(matches!(ours.merge(&export), Err(MetricsError::KindMismatch { .. })));
    // "a.ms" (merged before "b.ms" failed) is not there; "b.ms" is as it was.
    let s = ours.summary(1.0, T0).expect("summary");
    assert_eq!(s.histograms.keys().collect::<Vec<_>>(), ["b.ms"]);
    assert_eq!(s.histograms["b.ms"].count, 1);
}

#[test]
fn values_past_ten_to_the_fifteenth_are_refused_so_sums_stay_finite() {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    for big in [1e308, 1e16, f64::MAX] {
        assert!(matches!(r.record("x.ms", big, T0), Err(MetricsError::BadValue { .. })), "{big}");
        assert!(matches!(r.increment("n", big, T0), Err(MetricsError::BadValue { .. })), "{big}");
    }
    r.record("x.ms", 1e15, T0).expect("the largest value");
    r.record("x.ms", 1e15, T0).expect("twice");
    let export = r.export(T0).expect("export");
    let json = serde_json::to_string(&export).expect("serializes");
    let back: Export = serde_json::from_str(&json).expect("reads back");
    let mut other = Registry::new(MetricsSettings::default()).expect("settings");
    other.merge(&back).expect("merges");
    assert_eq!(other.summary(1.0, T0).expect("summary").histograms["x.ms"].count, 2);
}

#[test]
fn a_timeline_is_per_minute_within_an_hour_and_per_hour_beyond() {
    let mut r = Registry::new(MetricsSettings::default()).expect("settings");
    let now = T0 + 5 * HOUR_MS;
    for (at, v) in [
        (now - 3 * HOUR_MS, 5.0),
        (now - 3 * HOUR_MS + MINUTE_MS, 9.0),
        (now - 10 * MINUTE_MS, 7.0),
        (now - 9 * MINUTE_MS, 3.0),
    ] {
        r.record("render.ms", v, at).expect("recorded");
    }
    r.increment("cache.l1.hits", 1.0, now).expect("counted");
    let day = r.timeline("render.ms", 24.0, now).expect("timeline");
    let starts: Vec<u64> = day.iter().map(|p| p.start_ms).collect();
    assert_eq!(starts, [(now - 3 * HOUR_MS) / HOUR_MS * HOUR_MS, (now - 10 * MINUTE_MS) / HOUR_MS * HOUR_MS]);
    assert_eq!(day[0].summary.count, 2);
    assert_eq!((day[0].summary.min, day[0].summary.max), (5.0, 9.0));
    let hour = r.timeline("render.ms", 1.0, now).expect("timeline");
    let minutes: Vec<u64> = hour.iter().map(|p| (now - p.start_ms) / MINUTE_MS).collect();
    assert_eq!(minutes, [10, 9], "the last hour, per minute, without the older hour buckets");
    assert!(r.timeline("cache.l1.hits", 1.0, now).expect("timeline").is_empty(), "a counter has no timeline");
    assert!(r.timeline("render.ms", -1.0, now).is_err());
}
