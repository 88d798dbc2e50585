package results

import (
	"maps"
	"slices"
)

// Merge combines the parts written by parallel processes into one Run.
//
// Specs, exchanges and assertions are concatenated in part order. Exchanges
// are renumbered globally with Seq 1, 2, 3, ... in that order, and each
// assertion's ExchangeSeq is rewritten to the new number of the exchange it
// referenced within its own part (the first exchange with that Seq, should
// a part contain duplicates). An assertion whose exchange is not present in
// its part (the part's exchange list was trimmed) gets ExchangeSeq 0, which
// matches no exchange; it still counts for coverage.
//
// Started is the earliest non-zero Started and Finished the latest non-zero
// Finished of all parts. Suite is taken from the first part with a non-empty
// Suite, Target from the first part with a non-zero Target, and Config from the
// first part with a non-empty Config. Nil parts are ignored. The result shares
// no slices, maps or pointers with the parts.
func Merge(parts ...*Run) *Run {
	out := &Run{Specs: []SpecResult{}, Exchanges: []Exchange{}, Assertions: []Assertion{}}
	for _, p := range parts {
		if p == nil {
			continue
		}
		if out.Suite == "" {
			out.Suite = p.Suite
		}
		if out.Target == (Target{}) {
			out.Target = p.Target
		}
		if out.Interrupted == "" {
			out.Interrupted = p.Interrupted
		}
		if out.Config == nil && len(p.Config) > 0 {
			out.Config = maps.Clone(p.Config)
		}
		if !p.Started.IsZero() && (out.Started.IsZero() || p.Started.Before(out.Started)) {
			out.Started = p.Started
		}
		if !p.Finished.IsZero() && (out.Finished.IsZero() || p.Finished.After(out.Finished)) {
			out.Finished = p.Finished
		}
		for _, s := range p.Specs {
			s.Labels = slices.Clone(s.Labels)
			if s.Deviation != nil {
				d := *s.Deviation
				s.Deviation = &d
			}
			out.Specs = append(out.Specs, s)
		}
		renumber := make(map[int]int, len(p.Exchanges))
		for _, e := range p.Exchanges {
			seq := len(out.Exchanges) + 1
			if _, dup := renumber[e.Seq]; !dup {
				renumber[e.Seq] = seq
			}
			e.Seq = seq
			e.ErrorCode = cloneInt(e.ErrorCode)
			out.Exchanges = append(out.Exchanges, e)
		}
		for _, a := range p.Assertions {
			a.ExchangeSeq = renumber[a.ExchangeSeq] // 0 when absent
			a.Expected = slices.Clone(a.Expected)
			a.Observed = cloneInt(a.Observed)
			out.Assertions = append(out.Assertions, a)
		}
		mergeDeliveries(out, p.Deliveries)
	}
	return out
}

// cloneInt returns a copy of *p, or nil.
func cloneInt(p *int) *int {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
