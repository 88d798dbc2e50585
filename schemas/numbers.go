package schemas

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Number taming. gojsonschema reads every number it checks into an exact big.Rat, and compares
// const and enum through float64. So a literal such as 1e999999 or one of ten thousand digits
// costs it tens of milliseconds each time a sub-schema looks at it; a literal beyond float64
// (1e400) met by const or enum makes it dereference nil; and -0 is not equal to 0 for const
// and enum (a success envelope with "ErrorCode":-0 would be refused).
//
// Before validation, tameNumbers replaces each literal that would cause one of these by a
// short one that no schema of this package can tell from it:
//
//   - any zero ("-0", "0.0", "-0e5") becomes 0;
//   - a literal of at most tameShortLiteral characters whose exponent stays within ±tameExponent
//     is kept;
//   - a magnitude of 10^301 or more becomes ±1e301 when integral, ±(10^301 + 0.5) otherwise;
//   - a non-zero magnitude below 10^-300 becomes ±1e-301;
//   - otherwise the value is rewritten exactly when it has at most tameDigits significant digits,
//     else cut to its integer digits and tameDecimals decimals, followed by a 1.
//
// Every rewrite keeps the sign, whether the number is an integer, and its order with every
// bound written with at most tameDecimals decimals between 10^-300 and 10^300, and its value
// exactly where it is kept or rewritten exactly; the schemas' bounds and enum values are small
// integers.
const (
	tameShortLiteral = 64
	tameExponent     = 300
	tameDigits       = 100
	tameDecimals     = 40
)

// tameNumbers tames every number of a decoded document, in place for objects and arrays, and
// returns the document.
func tameNumbers(v any) any {
	switch x := v.(type) {
	case json.Number:
		if tamed, changed := tameNumber(string(x)); changed {
			return json.Number(tamed)
		}
	case map[string]any:
		for key, value := range x {
			if n, isNumber := value.(json.Number); isNumber {
				if tamed, changed := tameNumber(string(n)); changed {
					x[key] = json.Number(tamed)
				}
			} else {
				tameNumbers(value)
			}
		}
	case []any:
		for i, value := range x {
			x[i] = tameNumbers(value)
		}
	}
	return v
}

// decimal is a number literal taken apart: its value is sign × 0.digits × 10^exponent, digits
// without leading or trailing zeros ("" for zero).
type decimal struct {
	negative bool
	digits   string
	exponent int64
}

func parseDecimal(lit string) decimal {
	var d decimal
	rest, negative := strings.CutPrefix(lit, "-")
	mantissa, exp, _ := strings.Cut(strings.ToLower(rest), "e")
	intPart, fracPart, _ := strings.Cut(mantissa, ".")
	all := intPart + fracPart
	significant := strings.TrimLeft(all, "0")
	leadingZeros := len(all) - len(significant)
	d.negative = negative
	d.digits = strings.TrimRight(significant, "0")
	d.exponent = int64(len(intPart)-leadingZeros) + parseExponent(exp)
	return d
}

// tameNumber rewrites one JSON number literal as described above; changed is false when the
// literal is kept.
func tameNumber(lit string) (tamed string, changed bool) {
	if len(lit) <= tameShortLiteral && lit[0] != '-' && !strings.ContainsAny(lit, "eE") {
		return lit, false // the common case: a short plain literal, cheap and never a -0
	}
	d := parseDecimal(lit)
	if d.digits == "" {
		return "0", lit != "0"
	}
	if len(lit) <= tameShortLiteral {
		if _, exp, _ := strings.Cut(strings.ToLower(lit), "e"); abs(parseExponent(exp)) <= tameExponent {
			return lit, false
		}
	}
	sign := ""
	if d.negative {
		sign = "-"
	}
	integral := d.exponent >= int64(len(d.digits))
	switch {
	case d.exponent > tameExponent+1:
		if integral {
			return sign + "1e301", true
		}
		return sign + "1" + strings.Repeat("0", 301) + ".5", true
	case d.exponent <= -tameExponent:
		return sign + "1e-301", true
	case len(d.digits) > tameDigits && !integral:
		// Keep the integer digits and tameDecimals decimals; the 1 keeps the value strictly
		// between the same two multiples of 10^-tameDecimals, so it stays a fraction too.
		if keep := max(d.exponent, 0) + tameDecimals; keep < int64(len(d.digits)) {
			d.digits = d.digits[:keep] + "1"
		}
	}
	return sign + "0." + d.digits + "e" + strconv.FormatInt(d.exponent, 10), true
}

// parseExponent reads the digits after 'e' with their optional sign, saturating far beyond
// any exponent tameNumber keeps.
func parseExponent(s string) int64 {
	negative := strings.HasPrefix(s, "-")
	s = strings.TrimLeft(strings.TrimLeft(s, "+-"), "0")
	if len(s) > 12 {
		s = "999999999999"
	}
	v, _ := strconv.ParseInt(s, 10, 64) // only digits are left: JSON's grammar
	if negative {
		return -v
	}
	return v
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}
