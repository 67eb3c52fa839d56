//! The only place that reads the time, so output stays reproducible.
//!
//! PDFs carry a date only when `SOURCE_DATE_EPOCH` is set (the reproducible-builds
//! convention); otherwise they carry none, and the same inputs give the same bytes.

use crate::error::Error;

/// Seconds since 1970 from `SOURCE_DATE_EPOCH`, if set.
pub fn source_date_epoch() -> Result<Option<i64>, Error> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) if v.trim().is_empty() => Ok(None),
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|s| *s >= 0)
            .map(Some)
            .ok_or(Error::SourceDateEpoch(v)),
        Err(_) => Ok(None),
    }
}

/// Today as days since 1970, for judging how old a contact's verification is.
pub fn today_days() -> i64 {
    let secs = source_date_epoch().ok().flatten().unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    });
    secs.div_euclid(86_400)
}

/// A UTC calendar date and time from seconds since 1970.
pub fn civil_from_epoch(secs: i64) -> (i64, u8, u8, u8, u8, u8) {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        m,
        d,
        (rem / 3600) as u8,
        (rem % 3600 / 60) as u8,
        (rem % 60) as u8,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_to_civil() {
        assert_eq!(civil_from_epoch(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(civil_from_epoch(1_795_910_400), (2026, 11, 29, 0, 0, 0));
        assert_eq!(civil_from_epoch(951_782_400 + 3661), (2000, 2, 29, 1, 1, 1));
    }
}
