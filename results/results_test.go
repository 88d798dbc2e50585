package results

import (
	"reflect"
	"testing"
	"time"
)

func code(v int) *int { return &v }

var t0 = time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)

func TestCounts(t *testing.T) {
	tests := []struct {
		name string
		run  *Run
		want map[Outcome]int
	}{
		{"nil run", nil, map[Outcome]int{Pass: 0, Fail: 0, Error: 0, Skipped: 0, KnownDeviation: 0}},
		{"empty run", &Run{}, map[Outcome]int{Pass: 0, Fail: 0, Error: 0, Skipped: 0, KnownDeviation: 0}},
		{"mixed", &Run{Specs: []SpecResult{
			{Outcome: Pass}, {Outcome: Pass}, {Outcome: Fail}, {Outcome: Skipped, Reason: "r"}, {Outcome: KnownDeviation},
		}}, map[Outcome]int{Pass: 2, Fail: 1, Error: 0, Skipped: 1, KnownDeviation: 1}},
		{"undefined outcomes count as error", &Run{Specs: []SpecResult{
			{Outcome: "weird"}, {Outcome: ""}, {Outcome: Error},
		}}, map[Outcome]int{Pass: 0, Fail: 0, Error: 3, Skipped: 0, KnownDeviation: 0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.run.Counts(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Counts() = %v, want %v", got, tt.want)
			}
		})
	}
}

const svc = "v4/room_engine_http_srv"

func TestCoverage(t *testing.T) {
	tests := []struct {
		name string
		run  *Run
		want []CommandCoverage
	}{
		{"empty", &Run{}, []CommandCoverage{}},
		{
			name: "calls and observed codes only count envelopes",
			run: &Run{Exchanges: []Exchange{
				{Seq: 1, Service: svc, Command: "create_room", ErrorCode: code(0)},
				{Seq: 2, Service: svc, Command: "create_room", ErrorCode: code(0)},
				{Seq: 3, Service: svc, Command: "create_room", ErrorCode: code(100004)},
				{Seq: 4, Service: svc, Command: "create_room", TransportError: "timeout"},
			}},
			want: []CommandCoverage{{Service: svc, Command: "create_room", Calls: 4,
				Asserted: []CodeCoverage{}, Observed: map[int]int{0: 2, 100004: 1}}},
		},
		{
			name: "passing, failing and multi-code assertions",
			run: &Run{
				Exchanges: []Exchange{
					{Seq: 1, Service: svc, Command: "destroy_room", ErrorCode: code(100004)},
					{Seq: 2, Service: svc, Command: "destroy_room", ErrorCode: code(0)},
					{Seq: 3, Service: svc, Command: "destroy_room", ErrorCode: code(100005)},
				},
				Assertions: []Assertion{
					{Service: svc, Command: "destroy_room", Expected: []int{100004}, Observed: code(100004), Passed: true, ExchangeSeq: 1},
					// failing, two accepted codes: Failed for each of them
					{Service: svc, Command: "destroy_room", Expected: []int{100004, 100005}, Observed: code(0), ExchangeSeq: 2},
					// passing with a variant: credited to the observed code only
					{Service: svc, Command: "destroy_room", Expected: []int{100004, 100005}, Observed: code(100005), Passed: true, ExchangeSeq: 3},
					// failing without envelope, duplicate expected code counted once
					{Service: svc, Command: "destroy_room", Expected: []int{100006, 100006}, Observed: nil, ExchangeSeq: 99},
				},
			},
			want: []CommandCoverage{{Service: svc, Command: "destroy_room", Calls: 3,
				Asserted: []CodeCoverage{
					{Code: 100004, Passed: 1, Failed: 1},
					{Code: 100005, Passed: 1, Failed: 1},
					{Code: 100006, Failed: 1},
				},
				Observed: map[int]int{0: 1, 100004: 1, 100005: 1}}},
		},
		{
			name: "injected only when every passing assertion was injected",
			run: &Run{
				Exchanges: []Exchange{
					{Seq: 1, Service: svc, Command: "get_room_info", ErrorCode: code(70398), Injected: true},
					{Seq: 2, Service: svc, Command: "get_room_info", ErrorCode: code(100001), Injected: true},
					{Seq: 3, Service: svc, Command: "get_room_info", ErrorCode: code(100001)},
				},
				Assertions: []Assertion{
					// injected via the flag on the exchange
					{Service: svc, Command: "get_room_info", Expected: []int{70398}, Observed: code(70398), Passed: true, ExchangeSeq: 1},
					// injected via its own flag, exchange trimmed away
					{Service: svc, Command: "get_room_info", Expected: []int{70398}, Observed: code(70398), Passed: true, Injected: true, ExchangeSeq: 42},
					{Service: svc, Command: "get_room_info", Expected: []int{100001}, Observed: code(100001), Passed: true, Injected: true, ExchangeSeq: 2},
					{Service: svc, Command: "get_room_info", Expected: []int{100001}, Observed: code(100001), Passed: true, ExchangeSeq: 3},
					// an injected failing assertion does not make a code injected
					{Service: svc, Command: "get_room_info", Expected: []int{100002}, Observed: code(0), Injected: true, ExchangeSeq: 3},
				},
			},
			want: []CommandCoverage{{Service: svc, Command: "get_room_info", Calls: 3,
				Asserted: []CodeCoverage{
					{Code: 70398, Passed: 2, Injected: true},
					{Code: 100001, Passed: 2},
					{Code: 100002, Failed: 1},
				},
				Observed: map[int]int{70398: 1, 100001: 2}}},
		},
		{
			name: "assertion without exchange still counted; sorted by service then command",
			run: &Run{
				Exchanges: []Exchange{
					{Seq: 1, Service: "zeta", Command: "a", ErrorCode: code(0)},
					{Seq: 2, Service: "alpha", Command: "b"},
				},
				Assertions: []Assertion{
					{Service: "alpha", Command: "a", Expected: []int{0}, Observed: code(0), Passed: true, ExchangeSeq: 7},
					// passing without observed code proves nothing
					{Service: "alpha", Command: "b", Expected: []int{0}, Passed: true, ExchangeSeq: 2},
				},
			},
			want: []CommandCoverage{
				{Service: "alpha", Command: "a", Calls: 0, Asserted: []CodeCoverage{{Code: 0, Passed: 1}}, Observed: map[int]int{}},
				{Service: "alpha", Command: "b", Calls: 1, Asserted: []CodeCoverage{}, Observed: map[int]int{}},
				{Service: "zeta", Command: "a", Calls: 1, Asserted: []CodeCoverage{}, Observed: map[int]int{0: 1}},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.run.Coverage(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Coverage() =\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestCoveredPairs(t *testing.T) {
	tests := []struct {
		name string
		run  *Run
		want []Pair
	}{
		{"nil", nil, []Pair{}},
		{"empty", &Run{}, []Pair{}},
		{
			name: "only passing observed codes, sorted",
			run: &Run{Assertions: []Assertion{
				{Service: "b", Command: "x", Expected: []int{2}, Observed: code(2), Passed: true},
				{Service: "a", Command: "y", Expected: []int{9, 3}, Observed: code(9), Passed: true, Injected: true},
				{Service: "a", Command: "y", Expected: []int{3}, Observed: code(3), Passed: true},
				{Service: "a", Command: "y", Expected: []int{3}, Observed: code(3), Passed: true},
				{Service: "a", Command: "x", Expected: []int{5}, Observed: code(0), Passed: false},
				{Service: "a", Command: "x", Expected: []int{1}, Observed: code(1), Passed: true},
			}},
			want: []Pair{
				{Service: "a", Command: "x", Code: 1},
				{Service: "a", Command: "y", Code: 3},
				{Service: "a", Command: "y", Code: 9},
				{Service: "b", Command: "x", Code: 2},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.run.CoveredPairs(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("CoveredPairs() = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestMerge(t *testing.T) {
	partA := &Run{
		Suite:    "",
		Started:  t0.Add(2 * time.Second),
		Finished: t0.Add(10 * time.Second),
		Specs:    []SpecResult{{ID: "a1", Name: "A one", Outcome: Pass, Labels: []string{"x"}}},
		Exchanges: []Exchange{
			{Seq: 1, Service: "s", Command: "c", ErrorCode: code(0)},
			{Seq: 2, Service: "s", Command: "c", ErrorCode: code(1)},
		},
		Assertions: []Assertion{
			{SpecID: "a1", Service: "s", Command: "c", Expected: []int{1}, Observed: code(1), Passed: true, ExchangeSeq: 2},
		},
	}
	partB := &Run{
		Suite:    "trtc",
		Target:   Target{Kind: "remote", Endpoint: "https://example.test", SDKAppID: 7, Admin: "admin"},
		Started:  t0,
		Finished: t0.Add(5 * time.Second),
		Specs:    []SpecResult{{ID: "b1", Name: "B one", Outcome: Fail, Reason: "boom"}},
		Exchanges: []Exchange{
			{Seq: 10, Service: "s", Command: "d", ErrorCode: code(3)},
			{Seq: 11, Service: "s", Command: "d", ErrorCode: code(4)},
			{Seq: 12, Service: "s", Command: "d"},
		},
		Assertions: []Assertion{
			{SpecID: "b1", Service: "s", Command: "d", Expected: []int{4}, Observed: code(4), Passed: true, ExchangeSeq: 11},
			{SpecID: "b1", Service: "s", Command: "d", Expected: []int{3}, Observed: code(3), Passed: true, ExchangeSeq: 10},
			{SpecID: "b1", Service: "s", Command: "d", Expected: []int{5}, Passed: false, ExchangeSeq: 99}, // trimmed
		},
	}
	partC := &Run{
		Suite:    "other",
		Target:   Target{Kind: "live"},
		Finished: t0.Add(20 * time.Second),
		Exchanges: []Exchange{
			{Seq: 1, Service: "s", Command: "e"},
		},
		Assertions: []Assertion{{Service: "s", Command: "e", Expected: []int{0}, ExchangeSeq: 1}},
	}

	tests := []struct {
		name        string
		parts       []*Run
		wantSeqs    []int
		wantRefs    []int
		wantSuite   string
		wantKind    string
		wantStarted time.Time
		wantEnd     time.Time
		wantSpecs   int
	}{
		{"no parts", nil, []int{}, []int{}, "", "", time.Time{}, time.Time{}, 0},
		{"nil parts ignored", []*Run{nil, partA, nil}, []int{1, 2}, []int{2}, "", "", partA.Started, partA.Finished, 1},
		{"two parts", []*Run{partA, partB}, []int{1, 2, 3, 4, 5}, []int{2, 4, 3, 0}, "trtc", "remote", t0, t0.Add(10 * time.Second), 2},
		{"three parts", []*Run{partB, partA, partC}, []int{1, 2, 3, 4, 5, 6}, []int{2, 1, 0, 5, 6}, "trtc", "remote", t0, t0.Add(20 * time.Second), 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := Merge(tt.parts...)
			var seqs, refs []int
			seqs, refs = []int{}, []int{}
			for _, e := range m.Exchanges {
				seqs = append(seqs, e.Seq)
			}
			for _, a := range m.Assertions {
				refs = append(refs, a.ExchangeSeq)
			}
			if !reflect.DeepEqual(seqs, tt.wantSeqs) {
				t.Errorf("seqs = %v, want %v", seqs, tt.wantSeqs)
			}
			if !reflect.DeepEqual(refs, tt.wantRefs) {
				t.Errorf("assertion refs = %v, want %v", refs, tt.wantRefs)
			}
			// every non-zero reference points at an exchange whose code is the observed one
			bySeq := map[int]Exchange{}
			for _, e := range m.Exchanges {
				bySeq[e.Seq] = e
			}
			for _, a := range m.Assertions {
				if a.ExchangeSeq == 0 {
					continue
				}
				e, ok := bySeq[a.ExchangeSeq]
				if !ok || e.Command != a.Command || !reflect.DeepEqual(e.ErrorCode, a.Observed) {
					t.Errorf("assertion %+v points at %+v", a, e)
				}
			}
			if m.Suite != tt.wantSuite || m.Target.Kind != tt.wantKind {
				t.Errorf("suite/kind = %q/%q, want %q/%q", m.Suite, m.Target.Kind, tt.wantSuite, tt.wantKind)
			}
			if !m.Started.Equal(tt.wantStarted) || !m.Finished.Equal(tt.wantEnd) {
				t.Errorf("started/finished = %v/%v, want %v/%v", m.Started, m.Finished, tt.wantStarted, tt.wantEnd)
			}
			if len(m.Specs) != tt.wantSpecs {
				t.Errorf("specs = %d, want %d", len(m.Specs), tt.wantSpecs)
			}
		})
	}

	t.Run("parts untouched and not aliased", func(t *testing.T) {
		m := Merge(partA, partB)
		if partB.Exchanges[0].Seq != 10 || partB.Assertions[0].ExchangeSeq != 11 {
			t.Fatal("Merge modified its input")
		}
		*m.Exchanges[0].ErrorCode = 77
		m.Assertions[0].Expected[0] = 77
		m.Specs[0].Labels[0] = "changed"
		if *partA.Exchanges[0].ErrorCode != 0 || partA.Assertions[0].Expected[0] != 1 || partA.Specs[0].Labels[0] != "x" {
			t.Fatal("Merge result aliases its input")
		}
	})

	t.Run("coverage of merged run equals sum of parts", func(t *testing.T) {
		m := Merge(partA, partB)
		want := append(partA.CoveredPairs(), partB.CoveredPairs()...)
		if got := m.CoveredPairs(); !reflect.DeepEqual(got, want) {
			t.Errorf("merged pairs = %v, want %v", got, want)
		}
	})
}

func TestMergeConfigAndDeviations(t *testing.T) {
	a := &Run{Specs: []SpecResult{{ID: "x", Deviation: &Deviation{Reason: "r", Observed: true}}}}
	b := &Run{Config: map[string]string{"k": "v"}}
	c := &Run{Config: map[string]string{"k": "other"}}
	m := Merge(a, b, c)
	if m.Config["k"] != "v" {
		t.Errorf("config %v, want the first non-empty part's", m.Config)
	}
	m.Config["k"] = "changed"
	m.Specs[0].Deviation.Reason = "changed"
	if b.Config["k"] != "v" || a.Specs[0].Deviation.Reason != "r" {
		t.Error("Merge result aliases its input's config or deviation")
	}
}
