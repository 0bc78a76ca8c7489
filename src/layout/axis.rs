//! Ticks of an x axis placed by value: numbers at nice numbers (Heckbert, as the value
//! axis), and times at nice calendar steps (seconds to years, in UTC) labelled as a
//! reader of dates expects: `2009`, `Mar 2009`, `Mar 5`, `14:00`, `14:05:30`.

use super::chart::{nice, nice_ticks, tick_label};
use crate::document::{civil, days_from_civil};

/// An x axis: its span (`lo` at the left end, `hi` at the right) and its ticks with
/// their labels, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct XTicks {
    /// The value at the left end of the axis.
    pub lo: f64,
    /// The value at the right end.
    pub hi: f64,
    /// Each tick's value and label.
    pub ticks: Vec<(f64, String)>,
}

/// About `count` ticks at nice numbers enclosing `min..max` (see
/// [`super::chart::nice_ticks`]); the axis runs from the first tick to the last.
pub fn numbers(min: f64, max: f64, count: usize) -> XTicks {
    let t = nice_ticks(min, max, count);
    XTicks { lo: t.lo, hi: t.hi, ticks: t.values().into_iter().map(|v| (v, tick_label(v, &t))).collect() }
}

/// A unit of calendar time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;
/// An average month and year, for choosing a step (not for placing ticks).
const MONTH: f64 = DAY * 30.0;
const YEAR: f64 = DAY * 365.0;

/// The steps a time axis takes, with their length in seconds: d3-time's tick intervals
/// (`d3-time/src/ticks.js`, Mike Bostock), in UTC, weeks from Monday (ISO 8601).
const STEPS: [(Unit, u32, f64); 18] = [
    (Unit::Second, 1, 1.0),
    (Unit::Second, 5, 5.0),
    (Unit::Second, 15, 15.0),
    (Unit::Second, 30, 30.0),
    (Unit::Minute, 1, MINUTE),
    (Unit::Minute, 5, 5.0 * MINUTE),
    (Unit::Minute, 15, 15.0 * MINUTE),
    (Unit::Minute, 30, 30.0 * MINUTE),
    (Unit::Hour, 1, HOUR),
    (Unit::Hour, 3, 3.0 * HOUR),
    (Unit::Hour, 6, 6.0 * HOUR),
    (Unit::Hour, 12, 12.0 * HOUR),
    (Unit::Day, 1, DAY),
    (Unit::Day, 2, 2.0 * DAY),
    (Unit::Week, 1, 7.0 * DAY),
    (Unit::Month, 1, MONTH),
    (Unit::Month, 3, 3.0 * MONTH),
    (Unit::Year, 1, YEAR),
];

/// The step for about `count` ticks over `span` seconds, as d3-time's `tickInterval`
/// chooses it: of the two steps around `span / count`, the nearer on a log scale;
/// beyond a year, the nice number of years nearest it (Heckbert's `nicenum`: 1, 2 or 5
/// times a power of ten), as d3 takes a tick step of years.
fn step(span: f64, count: usize) -> (Unit, u32) {
    let target = span / count.max(1) as f64;
    let i = STEPS.iter().position(|s| s.2 > target).unwrap_or(STEPS.len());
    if i == STEPS.len() {
        let years = nice(target / YEAR, true).max(1.0);
        return (Unit::Year, years.round().min(f64::from(u32::MAX)) as u32);
    }
    let i = if i > 0 && target / STEPS[i - 1].2 < STEPS[i].2 / target { i - 1 } else { i };
    (STEPS[i].0, STEPS[i].1)
}

/// About `count` ticks at calendar steps from `min` to `max` seconds since
/// 1970-01-01T00:00:00Z; the axis spans exactly the data (half a day either side of a
/// single time).
pub fn times(min: f64, max: f64, count: usize) -> XTicks {
    let (lo, hi) = if max > min { (min, max) } else { (min - DAY / 2.0, max + DAY / 2.0) };
    let (unit, n) = step(hi - lo, count);
    let ticks = match unit {
        Unit::Month | Unit::Year => calendar(lo, hi, unit, n),
        _ => {
            let length = n as f64
                * match unit {
                    Unit::Second => 1.0,
                    Unit::Minute => MINUTE,
                    Unit::Hour => HOUR,
                    Unit::Week => 7.0 * DAY,
                    _ => DAY,
                };
            // Unix time 0 was a Thursday: weeks start 3 days later, on Monday.
            let offset = if unit == Unit::Week { 4.0 * DAY } else { 0.0 };
            let first = ((lo - offset) / length).ceil() * length + offset;
            let count = ((hi - first) / length).floor().max(-1.0) as i64 + 1;
            (0..count).map(|k| first + k as f64 * length).collect()
        }
    };
    let ticks = ticks.into_iter().map(|t| (t, time_label(t, unit))).collect();
    XTicks { lo, hi, ticks }
}

/// The first days of every `n`-th month (or of January every `n`-th year) from `lo` to
/// `hi`, counted from year 0 so that steps fall on the same months every year.
fn calendar(lo: f64, hi: f64, unit: Unit, n: u32) -> Vec<f64> {
    let months_per = i64::from(n) * if unit == Unit::Year { 12 } else { 1 };
    let (year, month, ..) = civil(lo);
    let mut index = (year * 12 + month - 1).div_euclid(months_per) * months_per; // months since year 0
    let mut out = Vec::new();
    loop {
        let t = month_start(index);
        if t > hi {
            return out;
        }
        if t >= lo {
            out.push(t);
        }
        index += months_per;
    }
}

/// The first instant of month `index` (months since January of year 0), in seconds.
fn month_start(index: i64) -> f64 {
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    days_from_civil(year, month, 1) as f64 * DAY
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A time tick's label for ticks `unit`s apart: `2009`, `Mar 2009`, `Mar 5`, `14:00`
/// (a midnight among hours is its date), `14:05:30`.
fn time_label(t: f64, unit: Unit) -> String {
    let (year, month, day, hour, minute, second) = civil(t);
    let name = MONTHS[(month - 1) as usize];
    match unit {
        Unit::Year => format!("{year}"),
        Unit::Month => format!("{name} {year}"),
        Unit::Hour if hour != 0 => format!("{hour:02}:00"),
        Unit::Day | Unit::Week | Unit::Hour => format!("{name} {day}"),
        Unit::Minute => format!("{hour:02}:{minute:02}"),
        Unit::Second => format!("{hour:02}:{minute:02}:{second:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(date: &str) -> f64 {
        crate::document::DateTime::chart_seconds(date).expect("a date")
    }

    fn labels(x: &XTicks) -> Vec<&str> {
        x.ticks.iter().map(|(_, l)| l.as_str()).collect()
    }

    #[test]
    fn civil_dates_round_trip() {
        for date in ["1970-01-01", "2000-02-29", "2009-03-05T14:05:30Z", "1900-03-01", "0001-01-01"] {
            let (y, m, d, ..) = civil(at(date));
            assert_eq!(days_from_civil(y, m, d) as f64 * DAY, (at(date) / DAY).floor() * DAY, "{date}");
        }
        assert_eq!(civil(at("2009-03-05T14:05:30Z")), (2009, 3, 5, 14, 5, 30));
    }

    #[test]
    fn time_ticks_fall_on_calendar_steps() {
        let years = times(at("2000-01-01"), at("2010-03-01"), 6);
        assert_eq!(labels(&years), ["2000", "2002", "2004", "2006", "2008", "2010"]);
        let months = times(at("2009-01-15"), at("2009-12-20"), 5);
        assert_eq!(labels(&months), ["Apr 2009", "Jul 2009", "Oct 2009"]);
        let days = times(at("2009-03-01"), at("2009-03-08"), 7);
        assert_eq!(labels(&days), ["Mar 1", "Mar 2", "Mar 3", "Mar 4", "Mar 5", "Mar 6", "Mar 7", "Mar 8"]);
        let hours = times(at("2009-03-05T09:10"), at("2009-03-05T17:00"), 4);
        assert_eq!(labels(&hours), ["12:00", "15:00"]);
        let night = times(at("2009-03-04T20:00"), at("2009-03-05T10:00"), 4);
        assert_eq!(labels(&night), ["21:00", "Mar 5", "03:00", "06:00", "09:00"]);
        let weeks = times(at("2009-03-01"), at("2009-04-10"), 5);
        assert_eq!(labels(&weeks), ["Mar 2", "Mar 9", "Mar 16", "Mar 23", "Mar 30", "Apr 6"], "Mondays");
        let seconds = times(at("2009-03-05T14:05:00"), at("2009-03-05T14:06:00"), 4);
        assert_eq!(labels(&seconds), ["14:05:00", "14:05:15", "14:05:30", "14:05:45", "14:06:00"]);
        for x in [&years, &months, &days, &hours, &weeks] {
            assert!(x.ticks.iter().all(|&(t, _)| t >= x.lo && t <= x.hi), "{x:?}");
        }
    }

    #[test]
    fn numeric_ticks_enclose_the_data() {
        let x = numbers(46.0, 230.0, 5);
        assert_eq!((x.lo, x.hi), (0.0, 250.0));
        assert_eq!(labels(&x), ["0", "50", "100", "150", "200", "250"]);
    }
}
