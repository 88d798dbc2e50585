package results

import (
	"cmp"
	"slices"
)

// CodeCoverage is what the run proved about one documented error code of
// one command.
type CodeCoverage struct {
	Code     int  `json:"code"`
	Passed   int  `json:"passed"`             // passing assertions whose observed code is Code
	Failed   int  `json:"failed"`             // failing assertions that expected Code (and observed something else)
	Injected bool `json:"injected,omitempty"` // every passing assertion for this code was injected
}

// CommandCoverage is the coverage of one (service, command) pair.
type CommandCoverage struct {
	Service  string         `json:"service"`
	Command  string         `json:"command"`
	Calls    int            `json:"calls"`    // exchanges sent
	Asserted []CodeCoverage `json:"asserted"` // sorted by code
	Observed map[int]int    `json:"observed"` // code -> how many exchanges answered it (envelopes only)
}

// Pair is one (service, command, error code) combination.
type Pair struct {
	Service string `json:"service"`
	Command string `json:"command"`
	Code    int    `json:"code"`
}

type commandKey struct{ service, command string }

// Coverage computes per-command coverage from the recorded exchanges and
// assertions; spec names play no part. The result is sorted by service then
// command and lists every command that has at least one exchange or one
// assertion.
//
// Rules:
//   - Calls and Observed come from Exchanges; Observed counts only
//     exchanges with a decoded envelope (ErrorCode != nil), injected or not.
//   - Commands are taken from each Assertion's own Service/Command fields.
//     An assertion is counted even when its ExchangeSeq does not exist in
//     Exchanges: the exchange list may have been trimmed (for size) without
//     losing what the assertions proved.
//   - A passing assertion adds 1 to Passed of its observed code; a passing
//     assertion without an observed code proves nothing and is ignored.
//   - A failing assertion adds 1 to Failed of each of its distinct expected codes
//     (so a failing assertion with several accepted codes counts once for
//     each of them).
//   - An assertion is injected when its Injected flag is set or the
//     exchange it references (when present) was injected. Injected on a
//     code is true only when it has passing assertions and all of them were
//     injected, i.e. the code was only ever proved through fault injection.
func (r *Run) Coverage() []CommandCoverage {
	if r == nil {
		return []CommandCoverage{}
	}
	type codeAcc struct {
		passed, failed, injectedPassed int
	}
	type cmdAcc struct {
		calls    int
		observed map[int]int
		codes    map[int]*codeAcc
	}
	cmds := map[commandKey]*cmdAcc{}
	get := func(service, command string) *cmdAcc {
		k := commandKey{service, command}
		c := cmds[k]
		if c == nil {
			c = &cmdAcc{observed: map[int]int{}, codes: map[int]*codeAcc{}}
			cmds[k] = c
		}
		return c
	}
	code := func(c *cmdAcc, v int) *codeAcc {
		a := c.codes[v]
		if a == nil {
			a = &codeAcc{}
			c.codes[v] = a
		}
		return a
	}

	injectedSeq := map[int]bool{}
	for _, e := range r.Exchanges {
		c := get(e.Service, e.Command)
		c.calls++
		if e.ErrorCode != nil {
			c.observed[*e.ErrorCode]++
		}
		if e.Injected {
			injectedSeq[e.Seq] = true
		}
	}
	for _, a := range r.Assertions {
		c := get(a.Service, a.Command)
		if a.Passed {
			if a.Observed == nil {
				continue
			}
			acc := code(c, *a.Observed)
			acc.passed++
			if a.Injected || injectedSeq[a.ExchangeSeq] {
				acc.injectedPassed++
			}
			continue
		}
		for _, v := range dedupInts(a.Expected) {
			code(c, v).failed++
		}
	}

	out := make([]CommandCoverage, 0, len(cmds))
	for k, c := range cmds {
		cc := CommandCoverage{
			Service:  k.service,
			Command:  k.command,
			Calls:    c.calls,
			Asserted: make([]CodeCoverage, 0, len(c.codes)),
			Observed: c.observed,
		}
		for v, a := range c.codes {
			cc.Asserted = append(cc.Asserted, CodeCoverage{
				Code:     v,
				Passed:   a.passed,
				Failed:   a.failed,
				Injected: a.passed > 0 && a.injectedPassed == a.passed,
			})
		}
		slices.SortFunc(cc.Asserted, func(x, y CodeCoverage) int { return cmp.Compare(x.Code, y.Code) })
		out = append(out, cc)
	}
	slices.SortFunc(out, func(x, y CommandCoverage) int {
		return cmp.Or(cmp.Compare(x.Service, y.Service), cmp.Compare(x.Command, y.Command))
	})
	return out
}

// CoveredPairs returns every (service, command, code) with at least one
// passing assertion whose observed code is that code, sorted by service,
// command, then code. Codes proved only through fault injection are
// included (Coverage tells them apart).
func (r *Run) CoveredPairs() []Pair {
	out := []Pair{}
	for _, c := range r.Coverage() {
		for _, a := range c.Asserted {
			if a.Passed > 0 {
				out = append(out, Pair{Service: c.Service, Command: c.Command, Code: a.Code})
			}
		}
	}
	return out
}

// dedupInts returns the distinct values of v in first-seen order.
func dedupInts(v []int) []int {
	out := make([]int, 0, len(v))
	for _, x := range v {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}
