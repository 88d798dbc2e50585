package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/trtc-conformance/trtc-conformance/control"
)

// maxCallbackURLBytes bounds a callback Url: a receiver's address, not a payload.
const maxCallbackURLBytes = 2048

// errSelfTarget is a callback delivery refused because it would reach the emulator itself.
var errSelfTarget = errors.New("callback target is the emulator itself")

// validCallbackURL says why raw is not a usable callback Url, or nil: an absolute http(s) URL
// with a host and a port from 1 to 65535 when one is given, at most maxCallbackURLBytes long,
// that points neither at the control plane nor at the emulator's own address (localAddr is
// the address the set_callback call came in on). A name that only resolves to the emulator
// is caught when a delivery dials it (selfGuard).
func (e *Emulator) validCallbackURL(raw, localAddr string) error {
	e.guard.addOwn(localAddr)
	switch {
	case raw == "":
		return errors.New("is empty")
	case len(raw) > maxCallbackURLBytes:
		return fmt.Errorf("is %d bytes long, over %d", len(raw), maxCallbackURLBytes)
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error quotes the whole Url; the reason is enough.
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("is not a URL: %v", err)
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return fmt.Errorf("must be an http or https URL, not %q", u.Scheme)
	}
	if u.Host == "" || u.Hostname() == "" {
		return errors.New("has no host")
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[scheme]
	} else if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("has port %q, not one from 1 to 65535", port)
	}
	if underControlPlane(u.Path) {
		return fmt.Errorf("points at the emulator's control plane (%s): a callback must never change the emulator's state", control.PathPrefix)
	}
	if e.guard.isOwnPort(port) && isLocalHost(u.Hostname()) {
		return errors.New("is the emulator's own address: a callback must never call the emulator")
	}
	return nil
}

// underControlPlane reports whether a URL path, cleaned and in any case, is under
// control.PathPrefix.
func underControlPlane(p string) bool {
	cleaned := strings.ToLower(path.Clean("/" + p))
	return cleaned == control.PathPrefix || strings.HasPrefix(cleaned, control.PathPrefix+"/")
}

// isLocalHost reports whether host names this machine without a lookup: localhost, a
// loopback or unspecified address (IPv4-mapped forms included), or an address of one of its
// interfaces.
func isLocalHost(host string) bool {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && isLocalIP(ip)
}

func isLocalIP(ip net.IP) bool {
	if ip.IsLoopback() || ip.IsUnspecified() {
		return true
	}
	for _, local := range interfaceIPs() {
		if local.Equal(ip) {
			return true
		}
	}
	return false
}

// interfaceIPs are the machine's own addresses, read once.
var interfaceIPs = sync.OnceValue(func() []net.IP {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, addr := range addrs {
		if prefix, ok := addr.(*net.IPNet); ok {
			ips = append(ips, prefix.IP)
		}
	}
	return ips
})

// selfGuard knows the ports the emulator serves on, and refuses a callback connection to one
// of them on a local address: whatever name, alias or DNS record a Url uses, a delivery can
// never reach the emulator and change its state.
type selfGuard struct {
	ports sync.Map // port string → struct{}
}

// addOwn records the port of addr ("host:port"); anything else is ignored.
func (g *selfGuard) addOwn(addr string) {
	if _, port, err := net.SplitHostPort(addr); err == nil && port != "" {
		g.ports.Store(port, struct{}{})
	}
}

func (g *selfGuard) isOwnPort(port string) bool {
	_, own := g.ports.Load(port)
	return own
}

// check runs on the resolved address just before a delivery connects.
func (g *selfGuard) check(address string) error {
	host, port, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip != nil && g.isOwnPort(port) && isLocalIP(ip) {
		return fmt.Errorf("%w: %s", errSelfTarget, address)
	}
	return nil
}

// transport is the notifier's HTTP transport: no proxy (a proxy would hide the address
// dialled), and every connection checked by the guard.
func (g *selfGuard) transport() *http.Transport {
	dialer := &net.Dialer{
		Timeout: 5 * time.Second,
		Control: func(_, address string, _ syscall.RawConn) error { return g.check(address) },
	}
	return &http.Transport{
		DialContext: func(ctx context.Context, network, address string) (net.Conn, error) {
			return dialer.DialContext(ctx, network, address)
		},
		MaxIdleConnsPerHost: callbackWorkers,
		IdleConnTimeout:     30 * time.Second,
	}
}
