//! The `reviewed` date of a resource: a calendar date written `YYYY-MM-DD`, in YAML's plain or quoted
//! form. A YAML timestamp with a time of day (`2025-01-31T09:00:00Z`, `2025-01-31 09:00`) keeps only
//! its date.

use std::fmt;

use serde::{Serialize, Serializer};

const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// A calendar date of the Gregorian calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses `YYYY-MM-DD`, optionally followed by a time of day after `T`, `t` or spaces. The error
    /// describes the problem, to follow a message that quotes the value.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (date, time) = text.split_at(text.find(['T', 't', ' ']).unwrap_or(text.len()));
        let time = time.trim_start_matches(['T', 't', ' ']);
        let parts: Vec<&str> = date.split('-').collect();
        let well_formed = parts.len() == 3
            && (time.is_empty() || time.starts_with(|c: char| c.is_ascii_digit()))
            && [4, 2, 2].iter().zip(&parts).all(|(&len, part)| part.len() == len)
            && parts.iter().all(|part| part.bytes().all(|byte| byte.is_ascii_digit()));
        if !well_formed {
            return Err("it is not in the form YYYY-MM-DD".to_owned());
        }

        let number = |part: &str| part.parse::<u16>().unwrap_or_default();
        let (year, month, day) = (number(parts[0]), number(parts[1]), number(parts[2]));
        if !(1..=12).contains(&month) {
            return Err(format!("there is no month {month}"));
        }
        let month = month as u8;
        let days = days_in_month(year, month);
        if day == 0 || day > u16::from(days) {
            return Err(format!("{} {year} has {days} days", MONTHS[usize::from(month - 1)]));
        }
        Ok(Self { year, month, day: day as u8 })
    }

    /// Formats the date as people read it in British English: `5 March 2025`.
    pub fn long(&self) -> String {
        format!("{} {} {}", self.day, MONTHS[usize::from(self.month - 1)], self.year)
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        let cases = [
            ("2025-01-31", "2025-01-31"),
            (" 2024-02-29 ", "2024-02-29"),
            ("2000-02-29", "2000-02-29"),
            ("2025-01-31T09:30:00Z", "2025-01-31"),
            ("2025-01-31 09:30:00.5 +1", "2025-01-31"),
        ];
        for (text, expected) in cases {
            assert_eq!(Date::parse(text).map(|date| date.to_string()).as_deref(), Ok(expected), "{text}");
        }
    }

    #[test]
    fn impossible_dates_rejected() {
        let cases = [
            ("2025-02-29", "February 2025 has 28 days"),
            ("1900-02-29", "February 1900 has 28 days"),
            ("2025-04-31", "April 2025 has 30 days"),
            ("2025-13-01", "there is no month 13"),
            ("2025-00-10", "there is no month 0"),
            ("2025-01-00", "January 2025 has 31 days"),
        ];
        for (text, expected) in cases {
            assert_eq!(Date::parse(text), Err(expected.to_owned()), "{text}");
        }
    }

    #[test]
    fn other_formats_rejected() {
        for text in ["31/01/2025", "2025-1-31", "20250131", "2025-01", "", "next year", "2025-01-3x", "2025-01-31trash"] {
            let error = Date::parse(text).expect_err(text);
            assert!(error.contains("YYYY-MM-DD"), "{text}: {error}");
        }
    }

    #[test]
    fn long_form_is_british() {
        let date = Date { year: 2025, month: 3, day: 5 };
        assert_eq!(date.long(), "5 March 2025");
    }
}
