package schemas

import (
	"strings"
	"testing"
)

// BenchmarkValidateAnswer is the suite's check of a typical answer: the documented
// get_room_info response. It reports answers/s on one core; the suite needs 10,000.
func BenchmarkValidateAnswer(b *testing.B) {
	benchmarkValidate(b, "room_engine_http_srv/get_room_info.response", readSample(b, "room_engine_http_srv/get_room_info.response.json"))
}

// BenchmarkValidateLiveAnswer is the same for the larger Live get_room_info answer.
func BenchmarkValidateLiveAnswer(b *testing.B) {
	benchmarkValidate(b, "live_engine_http_srv/get_room_info.response", readSample(b, "live_engine_http_srv/get_room_info.response.json"))
}

// BenchmarkValidateRequest is the emulator's check of a get_room_info request.
func BenchmarkValidateRequest(b *testing.B) {
	benchmarkValidate(b, "room_engine_http_srv/get_room_info.request", []byte(`{"RoomId":"bench-room"}`))
}

// BenchmarkValidateInvalidRequest pays for the problems too: a create_room request with a
// wrong type, a byte limit exceeded and an unknown enum value.
func BenchmarkValidateInvalidRequest(b *testing.B) {
	const name = "room_engine_http_srv/create_room.request"
	doc := []byte(`{"RoomInfo":{"RoomId":7,"RoomType":"Live","RoomName":"` + strings.Repeat("€", 34) + `"}}`)
	if Validate(name, doc) == nil {
		b.Fatal("the document is valid")
	}
	b.ReportAllocs()
	for b.Loop() {
		_ = Validate(name, doc)
	}
}

func benchmarkValidate(b *testing.B, name string, doc []byte) {
	if err := Validate(name, doc); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := Validate(name, doc); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "docs/s")
}
