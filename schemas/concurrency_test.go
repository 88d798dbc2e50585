package schemas

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

// TestConcurrentValidation: Validate is safe for concurrent use, the first use (compilation)
// included; run with -race.
func TestConcurrentValidation(t *testing.T) {
	type job struct {
		name  string
		doc   []byte
		valid bool
	}
	var jobs []job
	for _, rel := range sampleFiles(t) {
		name, err := sampleSchema(rel)
		if err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, job{name, readSample(t, rel), true})
	}
	jobs = append(jobs,
		job{"room_engine_http_srv/create_room.request", []byte(`{"RoomInfo":{"RoomId":"` + strings.Repeat("€", 17) + `","RoomType":"Conference"}}`), false},
		job{"room_engine_http_srv/get_room_info.response", []byte(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"x"}`), false},
		job{"room_engine_http_srv/ban_room_member.request", []byte(`{"RoomId":"r","MemberList_Account":[],"Reason":"x","Duration":60}`), false},
		job{"room_engine_http_srv/get_banned_member_list.response", []byte(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"x","Response":{"BannedAccountList":[]}}`), false},
		job{"room_engine_http_mic/get_seat_list.response", []byte(`{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"x","Response":{"SeatList":[{"Index":0,"IsVideoDisabled":false,"IsAudioDisabled":false}]}}`), false},
		job{"room_engine_http_mic/move_user_to_seat.request", []byte(`{"RoomId":"r","SeatIndex":1,"Member_Account":"u","Policy":3}`), false},
		job{"room_config/set_callback.request", []byte(`{"Url":"www.example.com","CallbackCommandList":[]}`), false},
		job{"callback/Room.CallbackAfterMemberEnter.event", []byte(`{"CallbackCommand":"Room.CallbackAfterMemberEnter","Operator_Account":"u","RoomId":"r","MemberCount":1,"Type":"Joined","MemberList_Account":["u"],"EventTime":1}`), false},
		job{"room_engine_http_srv/get_room_info.response", []byte(numberBeyondFloat64), true},
	)
	rounds := 20
	if raceEnabled {
		rounds = 3 // -race makes validation about ten times slower
	}
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	start := make(chan struct{})
	for w := range workers {
		wg.Go(func() {
			<-start
			for range rounds {
				for k := range jobs {
					j := jobs[(k+w)%len(jobs)]
					if err := Validate(j.name, j.doc); (err == nil) != j.valid {
						errs <- fmt.Errorf("worker %d: %s: valid=%v, err=%v", w, j.name, j.valid, err)
						return
					}
				}
			}
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
