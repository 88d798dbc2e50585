package harness

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/client"
	"github.com/trtc-conformance/trtc-conformance/results"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// suiteRoomID matches the rooms the suite creates: "<conf|live>-<run>-p<process>-<n>"
// (suites/helpers_test.go, uniqueName); the run is a 6-digit hex RunID.
var suiteRoomID = regexp.MustCompile(`^(conf|live)-([0-9a-f]{6})-p[0-9]+-[0-9]+$`)

// LeftoverRoom is a room of the suite that a run did not destroy.
type LeftoverRoom struct {
	Service string // catalog.ServiceRoom or catalog.ServiceLive
	RoomID  string
	Found   string // where the sweep found it: the results file or get_room_list
}

// LeftoverRoomsInResults returns the suite's rooms that run created (create_room answered 0)
// and did not destroy (no destroy_room answered 0 afterwards), in creation order. A run that
// was interrupted after its reports were written leaves these behind.
func LeftoverRoomsInResults(run *results.Run, runID string) []LeftoverRoom {
	var out []LeftoverRoom
	alive := map[string]int{} // service/room -> index in out, -1 once destroyed
	for _, ex := range run.Exchanges {
		if ex.ErrorCode == nil || *ex.ErrorCode != 0 || (ex.Command != "create_room" && ex.Command != "destroy_room") {
			continue
		}
		roomID := requestRoomID(ex.RequestBody)
		if !isSuiteRoom(roomID, runID) {
			continue
		}
		key := ex.Service + "/" + roomID
		if ex.Command == "create_room" {
			alive[key] = len(out)
			out = append(out, LeftoverRoom{Service: ex.Service, RoomID: roomID, Found: "results"})
		} else if i, ok := alive[key]; ok && i >= 0 {
			out[i].RoomID = "" // destroyed by the run itself
			alive[key] = -1
		}
	}
	kept := out[:0]
	for _, r := range out {
		if r.RoomID != "" {
			kept = append(kept, r)
		}
	}
	return kept
}

func isSuiteRoom(roomID, runID string) bool {
	m := suiteRoomID.FindStringSubmatch(roomID)
	return m != nil && (runID == "" || m[2] == runID)
}

// requestRoomID reads the room of a create_room (RoomInfo.RoomId) or destroy_room (RoomId)
// request body.
func requestRoomID(body string) string {
	var req struct {
		RoomID   string `json:"RoomId"`
		RoomInfo struct {
			RoomID string `json:"RoomId"`
		} `json:"RoomInfo"`
	}
	if json.Unmarshal([]byte(body), &req) != nil {
		return ""
	}
	if req.RoomInfo.RoomID != "" {
		return req.RoomInfo.RoomID
	}
	return req.RoomID
}

// LiveLeftovers lists the public Live rooms of the suite (get_room_list, every page).
func LiveLeftovers(ctx context.Context, c *client.Client, runID string) ([]LeftoverRoom, error) {
	var out []LeftoverRoom
	next := ""
	for page := 0; page < 1000; page++ { // a bound, in case a target never ends its list
		list, _, err := c.Live.GetRoomList(ctx, wire.LiveGetRoomListRequest{Next: next})
		if err != nil {
			return out, fmt.Errorf("get_room_list: %w", err)
		}
		for _, room := range list.Response.RoomList {
			if isSuiteRoom(room.RoomID, runID) {
				out = append(out, LeftoverRoom{Service: catalog.ServiceLive, RoomID: room.RoomID, Found: "get_room_list"})
			}
		}
		if list.Response.Next == "" || list.Response.Next == next {
			break
		}
		next = list.Response.Next
	}
	return out, nil
}

// SweepUsage is what "trtc-conformance sweep --help" prints.
const SweepUsage = `trtc-conformance sweep: the rooms an interrupted run left behind on a target

usage: trtc-conformance sweep [--yes] [--results FILE] [--run ID]

Finds the suite's rooms (conf-<run>-p<process>-<n>, live-<run>-p<process>-<n>): Live rooms
through get_room_list, Conference rooms (which no command lists) from the create_room calls in
the last run's results.json that the run did not destroy. Without --yes it prints them and
their count and changes nothing; with --yes it destroys them.

  --yes           destroy the rooms found
  --results FILE  the last run's results.json (default: results.json in TRTC_REPORTS_DIR, or
                  ./reports); a missing file only leaves out the Conference rooms
  --run ID        only the rooms of this run (the 6 hex digits after conf- or live-)

The target is the one the TRTC_* variables name; TRTC_ENDPOINT is required (the embedded
emulator ends with its run and leaves nothing behind).
`

// Sweep runs the sweep subcommand: args are the words after "sweep". It returns the exit
// status: 0 when done, 1 when a room could not be listed or destroyed, 2 for a usage error.
func Sweep(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("sweep", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	yes := flags.Bool("yes", false, "")
	resultsFile := flags.String("results", "", "")
	runID := flags.String("run", "", "")
	help := flags.Bool("help", false, "")
	flags.BoolVar(help, "h", false, "")
	if err := flags.Parse(args); err != nil || flags.NArg() > 0 {
		fmt.Fprintf(stderr, "trtc-conformance sweep: %v\n\n%s", errors.Join(err, extraArgs(flags.Args())), SweepUsage)
		return 2
	}
	if *help {
		fmt.Fprint(stdout, SweepUsage)
		return 0
	}
	settings, err := SettingsFromEnv(getenv)
	if err == nil && settings.Kind() == KindEmbedded {
		err = fmt.Errorf("%w: %s is not set: the embedded emulator ends with its run, there is nothing to sweep", ErrSettings, EnvEndpoint)
	}
	if err != nil {
		fmt.Fprintf(stderr, "trtc-conformance sweep: %v\n", err)
		return 2
	}
	if *resultsFile == "" {
		*resultsFile = filepath.Join(settings.ReportsDir, "results.json")
	} else {
		*resultsFile = callerPath(getenv, *resultsFile)
	}
	c, err := client.New(client.Config{BaseURL: settings.Endpoint, SDKAppID: settings.SDKAppID, SecretKey: settings.SecretKey,
		Admin: settings.Admin, RateLimitRetries: RateLimitRetries})
	if err != nil {
		fmt.Fprintf(stderr, "trtc-conformance sweep: %v\n", err)
		return 2
	}
	defer c.Close()

	var rooms []LeftoverRoom
	status := 0
	if f, err := os.Open(*resultsFile); err != nil {
		fmt.Fprintf(stdout, "no results file (%v): Conference rooms are not looked for\n", err)
	} else {
		run, err := results.ReadJSON(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "trtc-conformance sweep: %s: %v\n", *resultsFile, err)
			return 1
		}
		rooms = append(rooms, LeftoverRoomsInResults(run, *runID)...)
	}
	live, err := LiveLeftovers(ctx, c, *runID)
	if err != nil {
		fmt.Fprintf(stderr, "trtc-conformance sweep: Live rooms: %v\n", err)
		status = 1
	}
	rooms = mergeLeftovers(rooms, live)

	verb := "would destroy"
	if *yes {
		verb = "destroying"
	}
	for _, r := range rooms {
		fmt.Fprintf(stdout, "%s %s %s (from %s)\n", verb, r.Service, r.RoomID, r.Found)
		if !*yes {
			continue
		}
		if r.Service == catalog.ServiceLive {
			_, _, err = c.Live.DestroyRoom(ctx, r.RoomID)
		} else {
			_, _, err = c.Rooms.Destroy(ctx, r.RoomID)
		}
		var api *client.APIError
		switch {
		case err == nil:
		case errors.As(err, &api) && r.Found == "results":
			// The results file cannot know what happened after the run: a room destroyed by
			// hand or expired is refused with its code, which is printed.
			fmt.Fprintf(stdout, "  refused (already gone?): %v\n", err)
		default:
			fmt.Fprintf(stderr, "  %s %s: %v\n", r.Service, r.RoomID, err)
			status = 1
		}
	}
	if *yes {
		fmt.Fprintf(stdout, "%d rooms swept\n", len(rooms))
	} else {
		fmt.Fprintf(stdout, "%d rooms would be destroyed; run again with --yes to destroy them\n", len(rooms))
	}
	return status
}

func extraArgs(args []string) error {
	if len(args) == 0 {
		return nil
	}
	return fmt.Errorf("unexpected argument %q", args[0])
}

// mergeLeftovers keeps each room once, the results file's entries first.
func mergeLeftovers(lists ...[]LeftoverRoom) []LeftoverRoom {
	seen := map[string]bool{}
	var out []LeftoverRoom
	for _, list := range lists {
		for _, r := range list {
			if key := r.Service + "/" + r.RoomID; !seen[key] {
				seen[key] = true
				out = append(out, r)
			}
		}
	}
	return out
}
