//! Decimal text without `core::fmt`, which keeps the formatting machinery out of the wasm build.

/// Appends the decimal digits of `number` to `text`.
pub(crate) fn push_decimal(text: &mut String, number: u128) {
    let mut digits = [0u8; 39];
    let mut start = digits.len();
    let mut rest = number;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        text.push(char::from(digit));
    }
}

#[cfg(test)]
mod tests {
    use super::push_decimal;

    fn decimal(number: u128) -> String {
        let mut text = String::new();
        push_decimal(&mut text, number);
        text
    }

    #[test]
    fn decimal_of_zero_and_extremes() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(7), "7");
        assert_eq!(decimal(1024), "1024");
        assert_eq!(decimal(u128::MAX), u128::MAX.to_string());
    }
}
