package emulator

import (
	"sync"

	"github.com/trtc-conformance/trtc-conformance/control"
)

// faults holds the armed faults per command, consumed in the order they were armed.
type faults struct {
	mu    sync.Mutex
	armed map[string][]control.Fault
}

func newFaults() *faults { return &faults{armed: map[string][]control.Fault{}} }

// arm adds a fault unless limit faults are armed already.
func (f *faults) arm(fault control.Fault, limit int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	armed := 0
	for _, queue := range f.armed {
		armed += len(queue)
	}
	if armed >= limit {
		return false
	}
	key := fault.Service + "/" + fault.Command
	f.armed[key] = append(f.armed[key], fault)
	return true
}

// take consumes one use of the first fault armed for the command.
func (f *faults) take(service, command string) (control.Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	key := service + "/" + command
	queue := f.armed[key]
	if len(queue) == 0 {
		return control.Fault{}, false
	}
	fault := queue[0]
	queue[0].Count--
	if queue[0].Count <= 0 {
		queue = queue[1:]
	}
	if len(queue) == 0 {
		delete(f.armed, key)
	} else {
		f.armed[key] = queue
	}
	return fault, true
}

func (f *faults) list() []control.Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := []control.Fault{}
	for _, queue := range f.armed {
		out = append(out, queue...)
	}
	return out
}

func (f *faults) clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.armed = map[string][]control.Fault{}
}
