package results

import (
	"slices"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"strings"
	"unicode/utf8"
)

// cleanText removes ANSI escape sequences (CSI "ESC [ ... letter" and OSC
// "ESC ] ... BEL/ST"), bytes that are not valid UTF-8, and every character
// that XML 1.0 does not allow (anything outside #x9 | #xA | #xD |
// [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]).
func cleanText(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			i += escapeLen(s[i:])
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r != utf8.RuneError || size > 1) && xmlChar(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isClean reports whether cleanText would return s unchanged.
func isClean(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if (r == utf8.RuneError && size == 1) || r == 0x1b || !xmlChar(r) {
			return false
		}
		i += size
	}
	return true
}

// escapeLen returns the length of the escape sequence at the start of s
// (which begins with ESC); 1 when it is a lone ESC.
func escapeLen(s string) int {
	if len(s) < 2 {
		return 1
	}
	switch s[1] {
	case '[': // CSI: parameters and intermediates, then a final byte @..~
		for j := 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
			if s[j] < 0x20 || s[j] > 0x3f {
				return j // malformed: drop what we have consumed
			}
		}
		return len(s)
	case ']': // OSC: ends at BEL or ESC \
		for j := 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return 1
}

// xmlChar reports whether r is allowed in an XML 1.0 document.
func xmlChar(r rune) bool {
	return r == 0x09 || r == 0x0a || r == 0x0d ||
		(r >= 0x20 && r <= 0xd7ff) ||
		(r >= 0xe000 && r <= 0xfffd) ||
		(r >= 0x10000 && r <= 0x10ffff)
}

// firstLine returns the first non-blank line of s, trimmed and cleaned.
func firstLine(s string) string {
	for line := range strings.SplitSeq(cleanText(s), "\n") {
		if t := strings.TrimSpace(line); t != "" {
			return t
		}
	}
	return ""
}

// oneLine cleans s for a single console cell: line breaks and tabs become
// spaces, and runs of spaces collapse.
func oneLine(s string) string {
	return strings.Join(strings.Fields(cleanText(s)), " ")
}

// displayName returns the spec name cleaned of invalid characters and of a
// trailing Ginkgo-style label suffix " [a, b]" that exactly repeats the
// spec's labels: labels belong in SpecResult.Labels, never in names.
func displayName(s SpecResult) string {
	name := cleanText(s.Name)
	if len(s.Labels) > 0 {
		suffix := " [" + strings.Join(s.Labels, ", ") + "]"
		name = strings.TrimSuffix(name, cleanText(suffix))
	}
	return strings.TrimSpace(name)
}

// classname returns the JUnit classname of a spec, by which CI groups test cases: the
// command it checks, "<service>/<command>" from its first cmd: label and its svc: label
// ("<command>" without one); the area of a spec of no command ("room" from area:room); or
// suite. Labels come from the catalog's vocabulary (catalog/labels.go).
func classname(s SpecResult, suite string) string {
	value := func(prefix string) string {
		for _, l := range s.Labels {
			if v, ok := strings.CutPrefix(l, prefix); ok && strings.TrimSpace(v) != "" {
				return strings.TrimSpace(cleanText(v))
			}
		}
		return ""
	}
	if command := value(catalog.LabelCommandPrefix); command != "" {
		if service := value(catalog.LabelServicePrefix); service != "" {
			return service + "/" + command
		}
		return command
	}
	if area := value(catalog.LabelAreaPrefix); area != "" {
		return area
	}
	return cleanText(suite)
}

// sortedLabels returns the distinct, cleaned, non-empty labels sorted.
func sortedLabels(labels []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, l := range labels {
		l = strings.TrimSpace(cleanText(l))
		if l != "" && !seen[l] {
			seen[l] = true
			out = append(out, l)
		}
	}
	slices.Sort(out)
	return out
}
