package emulator

import (
	"strings"
	"testing"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/schemas"
)

// notServed are the catalog commands the emulator deliberately does not serve, by key, each
// with the reason. Every documented command is served today.
var notServed = map[string]string{}

// TestRoutesMatchTheCatalog: every route is a catalog command with a request schema, and every
// catalog command has a route unless notServed gives the reason it has none.
func TestRoutesMatchTheCatalog(t *testing.T) {
	for key := range routeTable {
		service, name, _ := strings.Cut(key, "/")
		if _, documented := catalog.Lookup(service, name); !documented {
			t.Errorf("route %q names no catalog command", key)
			continue
		}
		if reason, listed := notServed[key]; listed {
			t.Errorf("%s has a route but is listed as not served (%s)", key, reason)
		}
		if r := routes[key]; r == nil || r.command.Key() != key || r.requestSchema != key+".request" {
			t.Errorf("%s: route %+v, want its catalog command and schema %s.request", key, r, key)
		} else if !schemas.Has(r.requestSchema) {
			t.Errorf("%s: request schema %s does not exist", key, r.requestSchema)
		}
	}
	for _, c := range catalog.Commands() {
		if _, served := routes[c.Key()]; !served && notServed[c.Key()] == "" {
			t.Errorf("catalog command %s has no route: serve it in routeTable or list it in notServed with the reason", c.Key())
		}
	}
	for key := range notServed {
		service, name, _ := strings.Cut(key, "/")
		if _, documented := catalog.Lookup(service, name); !documented {
			t.Errorf("notServed lists %q, which is not a catalog command", key)
		}
	}
	aliases := 0
	for key := range routeTable {
		service, name, _ := strings.Cut(key, "/")
		c, _ := catalog.Lookup(service, name)
		for _, alias := range c.Aliases {
			aliases++
			if r := routes[service+"/"+alias]; r == nil || r.command.Key() != key || !schemas.Has(r.requestSchema) {
				t.Errorf("alias %s/%s of %s: route %+v, want the command and an existing request schema", service, alias, key, r)
			}
		}
	}
	if len(routes) != len(routeTable)+aliases {
		t.Errorf("%d routes built from %d entries of routeTable and %d aliases", len(routes), len(routeTable), aliases)
	}
}
