//! Exact non-negative fractions, so that scores are compared and rounded without floating point.

use core::cmp::Ordering;

/// Largest numerator or denominator a [`Rational`] may have. Below this bound the rounding in
/// [`Rational::hundredths`] cannot overflow `u128`.
const LIMIT: u128 = 1 << 120;

/// A non-negative fraction kept in lowest terms with a non-zero denominator.
///
/// Arithmetic is checked: an operation whose result would exceed 2^120 in its numerator or denominator
/// returns `None`. Scores of validated definitions stay far below that bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rational {
    numerator: u128,
    denominator: u128,
}

impl Rational {
    /// Creates `numerator / denominator` in lowest terms, or `None` for a zero denominator or a value
    /// beyond the bound.
    pub fn new(numerator: u128, denominator: u128) -> Option<Self> {
        if denominator == 0 {
            return None;
        }
        let divisor = gcd(numerator, denominator);
        let (numerator, denominator) = (numerator / divisor, denominator / divisor);
        if numerator > LIMIT || denominator > LIMIT {
            return None;
        }
        Some(Self { numerator, denominator })
    }

    pub fn from_integer(value: u64) -> Self {
        Self {
            numerator: u128::from(value),
            denominator: 1,
        }
    }

    pub fn numerator(self) -> u128 {
        self.numerator
    }

    pub fn denominator(self) -> u128 {
        self.denominator
    }

    pub fn checked_add(self, other: Self) -> Option<Self> {
        let common = (self.denominator / gcd(self.denominator, other.denominator)).checked_mul(other.denominator)?;
        let left = self.numerator.checked_mul(common / self.denominator)?;
        let right = other.numerator.checked_mul(common / other.denominator)?;
        Self::new(left.checked_add(right)?, common)
    }

    /// Divides by a positive integer; `None` for zero or overflow.
    pub fn checked_div_integer(self, divisor: u128) -> Option<Self> {
        if divisor == 0 {
            return None;
        }
        let shared = gcd(self.numerator, divisor);
        Self::new(self.numerator / shared, self.denominator.checked_mul(divisor / shared)?)
    }

    /// Returns the mean of `values`, or `None` when there are none or the arithmetic overflows.
    pub fn mean(values: &[Self]) -> Option<Self> {
        let mut sum = Self::from_integer(0);
        for &value in values {
            sum = sum.checked_add(value)?;
        }
        sum.checked_div_integer(values.len() as u128)
    }

    /// Returns the value in hundredths, rounded half up: 1/8 gives 13, 1/6 gives 17.
    pub fn hundredths(self) -> u128 {
        let whole = self.numerator / self.denominator;
        let remainder = self.numerator % self.denominator;

        // floor(100 r / d + 1/2) = floor((200 r + d) / 2d); the bound on d keeps this within u128.
        let fraction = (remainder * 200 + self.denominator) / (self.denominator * 2);
        whole * 100 + fraction
    }
}

impl Ord for Rational {
    fn cmp(&self, other: &Self) -> Ordering {
        compare_fractions(self.numerator, self.denominator, other.numerator, other.denominator)
    }
}

impl PartialOrd for Rational {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Compares a/b with c/d by their continued fractions, which needs no multiplication and so cannot
/// overflow. Both denominators must be non-zero.
fn compare_fractions(mut a: u128, mut b: u128, mut c: u128, mut d: u128) -> Ordering {
    let mut reversed = false;
    loop {
        let (left_whole, left_rest) = (a / b, a % b);
        let (right_whole, right_rest) = (c / d, c % d);
        let order = match (left_whole.cmp(&right_whole), left_rest, right_rest) {
            (Ordering::Equal, 0, 0) => Ordering::Equal,
            (Ordering::Equal, 0, _) => Ordering::Less,
            (Ordering::Equal, _, 0) => Ordering::Greater,
            (Ordering::Equal, _, _) => {
                // r1/b < r2/d exactly when b/r1 > d/r2, so compare the inverses with the order reversed.
                (a, b, c, d) = (b, left_rest, d, right_rest);
                reversed = !reversed;
                continue;
            }
            (order, _, _) => order,
        };
        return if reversed { order.reverse() } else { order };
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::Rational;
    use core::cmp::Ordering;

    fn fraction(numerator: u128, denominator: u128) -> Rational {
        Rational::new(numerator, denominator).expect("valid fraction")
    }

    #[test]
    fn new_reduces_to_lowest_terms() {
        let value = fraction(24, 6);
        assert_eq!((value.numerator(), value.denominator()), (4, 1));
        assert_eq!(fraction(0, 5), Rational::from_integer(0));
    }

    #[test]
    fn new_rejects_zero_denominator() {
        assert_eq!(Rational::new(1, 0), None);
    }

    #[test]
    fn new_rejects_values_beyond_bound() {
        assert_eq!(Rational::new((1 << 120) + 1, 1), None);
        assert_eq!(Rational::new(1, (1 << 120) + 1), None);
    }

    #[test]
    fn add_and_mean_are_exact() {
        assert_eq!(fraction(1, 6).checked_add(fraction(1, 3)), Some(fraction(1, 2)));
        let mean = Rational::mean(&[fraction(1, 6), fraction(1, 6), fraction(1, 6), fraction(0, 1)]);
        assert_eq!(mean, Some(fraction(1, 8)));
        assert_eq!(Rational::mean(&[]), None);
    }

    #[test]
    fn divide_by_zero_is_none() {
        assert_eq!(fraction(3, 2).checked_div_integer(0), None);
    }

    #[test]
    fn hundredths_round_half_up() {
        assert_eq!(fraction(1, 8).hundredths(), 13);
        assert_eq!(fraction(1, 6).hundredths(), 17);
        assert_eq!(fraction(25, 6).hundredths(), 417);
        assert_eq!(fraction(1, 3).hundredths(), 33);
        assert_eq!(fraction(1, 200).hundredths(), 1);
        assert_eq!(fraction(1, 201).hundredths(), 0);
        assert_eq!(fraction(6, 1).hundredths(), 600);
    }

    #[test]
    fn hundredths_at_bound_do_not_overflow() {
        let largest = fraction((1 << 120) - 1, 1 << 120);
        assert_eq!(largest.hundredths(), 100);
    }

    #[test]
    fn ordering_matches_cross_multiplication() {
        let values: Vec<Rational> = (0..=12)
            .flat_map(|numerator| (1..=12).map(move |denominator| fraction(numerator, denominator)))
            .collect();
        for &left in &values {
            for &right in &values {
                let expected = (left.numerator() * right.denominator()).cmp(&(right.numerator() * left.denominator()));
                assert_eq!(left.cmp(&right), expected, "{left:?} against {right:?}");
            }
        }
    }

    #[test]
    fn ordering_of_large_close_values() {
        let below = fraction((1 << 119) - 1, 1 << 119);
        let above = fraction((1 << 119) + 1, 1 << 119);
        assert_eq!(below.cmp(&Rational::from_integer(1)), Ordering::Less);
        assert_eq!(above.cmp(&Rational::from_integer(1)), Ordering::Greater);
        assert_eq!(below.cmp(&above), Ordering::Less);
    }
}
