package client

import (
	"strings"
	"sync"

	"github.com/trtc-conformance/trtc-conformance/results"
)

// ticketSet holds every UserSig the client put in a URL. A target that echoes the request
// (a proxy's error page, a debug field, a callback URL in ErrorInfo) would otherwise carry a
// ticket into the console and the reports, raw or under another encoding; every answer the
// client returns or records is redacted against this set first.
type ticketSet struct {
	mu       sync.RWMutex
	tickets  map[string]struct{}
	replacer *strings.Replacer // rebuilt when a ticket is added
}

// add remembers ticket, and registers it with package results so that every report
// renderer redacts it too.
func (s *ticketSet) add(ticket string) {
	if len(ticket) < results.MinSecretLength { // a deliberately bad ticket, not a secret
		return
	}
	s.mu.RLock()
	_, known := s.tickets[ticket]
	s.mu.RUnlock()
	if known {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tickets == nil {
		s.tickets = map[string]struct{}{}
	}
	s.tickets[ticket] = struct{}{}
	var pairs []string
	for t := range s.tickets {
		for _, encoded := range results.SecretForms(t) {
			pairs = append(pairs, encoded, Redacted)
		}
	}
	s.replacer = strings.NewReplacer(pairs...)
	results.AddSecret(ticket)
}

// redact replaces every known ticket, in every encoding, with Redacted.
func (s *ticketSet) redact(text string) string {
	s.mu.RLock()
	replacer := s.replacer
	s.mu.RUnlock()
	if replacer == nil || text == "" {
		return text
	}
	return replacer.Replace(text)
}

func (s *ticketSet) redactBytes(raw []byte) []byte {
	if len(raw) == 0 {
		return raw
	}
	redacted := s.redact(string(raw))
	if len(redacted) == len(raw) && redacted == string(raw) {
		return raw
	}
	return []byte(redacted)
}

// Redact returns text with every ticket this client has issued replaced by Redacted, in any
// of the encodings an echo may use. Outputs that show what a target answered use it.
func (c *Client) Redact(text string) string { return c.tickets.redact(text) }
