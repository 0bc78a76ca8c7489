//! ISO 8601 dates for the metadata's `creationDate`.

/// A calendar date and optional time with UTC offset, as given in ISO 8601 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year, 0 to 9999.
    pub year: u16,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, 1 to 31 (checked against the month and leap years).
    pub day: u8,
    /// Time of day and UTC offset, if given.
    pub time: Option<Time>,
}

/// A time of day with its UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time {
    /// Hour, 0 to 23.
    pub hour: u8,
    /// Minute, 0 to 59.
    pub minute: u8,
    /// Second, 0 to 59 (a fraction, if given, is dropped).
    pub second: u8,
    /// Offset from UTC in minutes, -1439 to 1439 (`Z` is 0).
    pub offset_minutes: i16,
}

impl DateTime {
    /// The forms [`DateTime::parse`] reads, as an ECMA-262 regular expression for the
    /// JSON Schema; it cannot say how many days each month has (2024-02-30 matches).
    pub const PATTERN: &'static str = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\
        ([Tt ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$";

    /// The date part as `YYYY-MM-DD`.
    pub fn date_string(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]Z` or with `±HH:MM` offset.
    /// A time without an offset is rejected: a PDF date is only meaningful with one.
    pub fn parse(s: &str) -> Option<DateTime> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = num(&b[0..4])? as u16;
        let month = num(&b[5..7])? as u8;
        let day = num(&b[8..10])? as u8;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let rest = &b[10..];
        let time = if rest.is_empty() {
            None
        } else if rest[0] == b'T' || rest[0] == b't' || rest[0] == b' ' {
            Some(parse_time(&rest[1..], true)?)
        } else {
            return None;
        };
        Some(DateTime { year, month, day, time })
    }

    /// Reads a chart's time: `YYYY-MM`, `YYYY-MM-DD`, or a date and time as
    /// [`DateTime::parse`] reads them, except that a time without an offset is UTC.
    /// Returns the seconds since 1970-01-01T00:00:00Z (a fraction of a second is dropped).
    pub fn chart_seconds(s: &str) -> Option<f64> {
        let b = s.as_bytes();
        let date = if b.len() == 7 && b[4] == b'-' {
            let month = num(&b[5..7])? as u8;
            DateTime { year: num(&b[0..4])? as u16, month, day: 1, time: None }
        } else {
            let mut date = DateTime::parse(s.get(..10)?)?;
            let rest = &b[10..];
            if !rest.is_empty() {
                if !matches!(rest[0], b'T' | b't' | b' ') {
                    return None;
                }
                date.time = Some(parse_time(&rest[1..], false)?);
            }
            date
        };
        if !(1..=12).contains(&date.month) {
            return None;
        }
        Some(date.unix_seconds())
    }

    /// Seconds since 1970-01-01T00:00:00Z, in the proleptic Gregorian calendar (see
    /// [`days_from_civil`]).
    pub fn unix_seconds(&self) -> f64 {
        let days = days_from_civil(i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let time = self.time.map_or(0, |t| {
            i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second) - i64::from(t.offset_minutes) * 60
        });
        (days * 86_400 + time) as f64
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`, "chrono-Compatible Low-Level Date Algorithms", 2013).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = year - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
}

/// Year, month (1-12), day, hour, minute and second of `t` seconds since 1970 (UTC;
/// Hinnant's `civil_from_days`).
pub fn civil(t: f64) -> (i64, i64, i64, i64, i64, i64) {
    let secs = t.floor() as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, rest / 3600, rest / 60 % 60, rest % 60)
}

fn parse_time(b: &[u8], offset_required: bool) -> Option<Time> {
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let hour = num(&b[0..2])? as u8;
    let minute = num(&b[3..5])? as u8;
    let mut rest = &b[5..];
    let mut second = 0;
    if rest.first() == Some(&b':') {
        second = num(rest.get(1..3)?)? as u8;
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let digits = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if digits == 0 {
                return None;
            }
            rest = &rest[1 + digits..];
        }
    }
    let offset_minutes = match rest {
        b"" if !offset_required => 0,
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let h = num(&[*h1, *h2])? as i16;
            let m = num(&[*m1, *m2])? as i16;
            if h > 23 || m > 59 {
                return None;
            }
            if *sign == b'-' { -(h * 60 + m) } else { h * 60 + m }
        }
        _ => return None,
    };
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Some(Time { hour, minute, second, offset_minutes })
}

fn num(digits: &[u8]) -> Option<u32> {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(DateTime::parse("2024-02-29").map(|d| d.day), Some(29));
        let d = DateTime::parse("2024-05-01T09:30:15.25+02:00").expect("valid");
        assert_eq!(d.time, Some(Time { hour: 9, minute: 30, second: 15, offset_minutes: 120 }));
        assert_eq!(DateTime::parse("2024-05-01T09:30Z").and_then(|d| d.time).map(|t| t.minute), Some(30));
    }

    #[test]
    fn chart_times_are_seconds_since_1970_utc() {
        assert_eq!(DateTime::chart_seconds("1970-01-01"), Some(0.0));
        assert_eq!(DateTime::chart_seconds("2009-03"), Some(1_235_865_600.0));
        assert_eq!(DateTime::chart_seconds("2009-03-01T00:00"), Some(1_235_865_600.0));
        assert_eq!(DateTime::chart_seconds("2000-03-01T01:00:30+01:00"), Some(951_868_830.0));
        assert_eq!(DateTime::chart_seconds("1969-12-31T23:59:59Z"), Some(-1.0));
        for bad in ["2009", "2009-13", "2009-02-30", "19.4", "2009-03-01T25:00", ""] {
            assert_eq!(DateTime::chart_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn rejects_impossible_and_ambiguous_dates() {
        for bad in ["2023-02-29", "2024-13-01", "2024-05-01T25:00Z", "2024-05-01T09:30", "05/01/2024", "2024-5-1", ""] {
            assert_eq!(DateTime::parse(bad), None, "{bad}");
        }
    }
}
