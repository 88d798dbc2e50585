package results

import "regexp"

// Redacted replaces a secret in every output.
const Redacted = "REDACTED"

var (
	// usersig=<ticket> in a URL or a message that quotes one.
	usersigQuery = regexp.MustCompile(`(?i)(usersig=)[^&\s"'<>#]*`)
	// "UserSig": "<ticket>" in a JSON body, and the Authorization-like forms some clients log.
	usersigJSON = regexp.MustCompile(`(?i)("user_?sig"\s*:\s*")[^"]*(")`)
)

// redact hides UserSig values in s. The client already redacts the URLs it records; this is
// the last line of defence of every renderer, so that a ticket quoted in a failure message or
// a body never reaches a report. It is idempotent.
func redact(s string) string {
	s = usersigQuery.ReplaceAllString(s, "${1}"+Redacted)
	return usersigJSON.ReplaceAllString(s, "${1}"+Redacted+"${2}")
}
