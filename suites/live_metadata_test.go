package suites

import (
	"fmt"
	"strings"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/labels"
	. "github.com/trtc-conformance/trtc-conformance/matchers"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

var _ = Describe("Live API", labels.Area("live"), func() {

	// Get / Set / Delete Room Metadata: https://trtc.io/document/64374, https://trtc.io/document/64375,
	// https://www.tencentcloud.com/document/product/647/64376
	Describe("room metadata", func() {

		It("adds and overwrites pairs and reads all keys or the keys asked for", labels.Command(liveSvc, "set_room_metadata"),
			labels.Command(liveSvc, "get_room_metadata"), labels.Code(0), func(ctx SpecContext) {
				id := live.room(ctx)
				Expect(liveMetadata(ctx, id)).To(BeEmpty(), "a new room has metadata")
				resp := setLiveMetadata(ctx, id, "key1", "value1", "key2", "value2")
				Expect(resp).To(BeDocumentedAnswer(0))
				Expect(setLiveMetadata(ctx, id, "key1", "value1b")).To(BeDocumentedAnswer(0))

				Expect(liveMetadata(ctx, id)).To(Equal(map[string]string{"key1": "value1b", "key2": "value2"}))
				Expect(liveMetadata(ctx, id, "key2")).To(Equal(map[string]string{"key2": "value2"}))
			})

		It("deletes the keys given", labels.Command(liveSvc, "del_room_metadata"), labels.Code(0), func(ctx SpecContext) {
			id := live.room(ctx)
			Expect(setLiveMetadata(ctx, id, "key1", "value1", "key2", "value2", "key3", "value3")).To(BeDocumentedAnswer(0))
			live.expect(ctx, "del_room_metadata", wire.LiveDelRoomMetadataRequest{RoomID: id, Keys: []string{"key1", "key3"}}, 0)
			Expect(liveMetadata(ctx, id)).To(Equal(map[string]string{"key2": "value2"}))
		})

		It("accepts a 50-byte key and a 2000-byte value of 3-byte characters", labels.Command(liveSvc, "set_room_metadata"), labels.Code(0), func(ctx SpecContext) {
			id := live.room(ctx)
			key, value := utf8OfBytes(50), utf8OfBytes(2000)
			Expect(setLiveMetadata(ctx, id, key, value)).To(BeDocumentedAnswer(0))
			Expect(liveMetadata(ctx, id, key)).To(Equal(map[string]string{key: value}))
		})

		DescribeTable("refuses a malformed set with 100002, and changes nothing",
			labels.Command(liveSvc, "set_room_metadata"),
			func(ctx SpecContext, metadata string) {
				id := live.room(ctx)
				live.expect(ctx, "set_room_metadata", `{"RoomId":"`+id+`"`+metadata+`}`, catalog.CodeInvalidParameter)
				Expect(liveMetadata(ctx, id)).To(BeEmpty())
			},
			Entry("a key of 51 bytes in 17 characters", labels.Code(100002), `,"Metadata":[{"Key":"`+strings.Repeat("€", 17)+`","Value":"v"}]`),
			Entry("a pair without Value", labels.Code(100002), `,"Metadata":[{"Key":"k"}]`),
			Entry("a Value that is not a string", labels.Code(100002), `,"Metadata":[{"Key":"k","Value":1}]`),
			Entry("Metadata missing", labels.Code(100002), ``),
			Entry("Metadata not a list", labels.Code(100002), `,"Metadata":{"Key":"k","Value":"v"}`),
		)

		It("refuses a value over 2 KB with 100501 (or 100002)", labels.Command(liveSvc, "set_room_metadata"), labels.Code(100501, 100002), func(ctx SpecContext) {
			id := live.room(ctx)
			resp := setLiveMetadata(ctx, id, "big", strings.Repeat("x", 2049))
			Expect(resp).To(BeDocumentedAnswer(catalog.CodeMetadataValueTooBig, catalog.CodeInvalidParameter))
			Expect(liveMetadata(ctx, id)).To(BeEmpty())
		})

		It("refuses an eleventh key with 100500 (or 100002)", labels.Command(liveSvc, "set_room_metadata"), labels.Code(0, 100500, 100002), func(ctx SpecContext) {
			id := live.room(ctx)
			pairs := make([]string, 0, 20)
			for i := range 10 {
				pairs = append(pairs, fmt.Sprintf("key%02d", i), "v")
			}
			Expect(setLiveMetadata(ctx, id, pairs...)).To(BeDocumentedAnswer(0), "ten keys are allowed")
			resp := setLiveMetadata(ctx, id, "key10", "v")
			Expect(resp).To(BeDocumentedAnswer(catalog.CodeTooManyMetadataKeys, catalog.CodeInvalidParameter))
			Expect(liveMetadata(ctx, id)).To(HaveLen(10))
		})

		It("refuses values over 16 KB in total with 100502 (or 100002)", labels.Command(liveSvc, "set_room_metadata"), labels.Code(0, 100502, 100002), func(ctx SpecContext) {
			id := live.room(ctx)
			pairs := make([]string, 0, 16)
			for i := range 8 {
				pairs = append(pairs, fmt.Sprintf("key%d", i), strings.Repeat("x", 2000))
			}
			Expect(setLiveMetadata(ctx, id, pairs...)).To(BeDocumentedAnswer(0), "16000 bytes are within 16 KB")
			resp := setLiveMetadata(ctx, id, "key8", strings.Repeat("x", 2000))
			Expect(resp).To(BeDocumentedAnswer(catalog.CodeMetadataTooBig, catalog.CodeInvalidParameter))
			Expect(liveMetadata(ctx, id)).To(HaveLen(8))
		})

		DescribeTable("refuses a malformed packet with 100002",
			func(ctx SpecContext, command, fields string) {
				live.expect(ctx, command, `{"RoomId":"`+live.room(ctx)+`"`+fields+`}`, catalog.CodeInvalidParameter)
			},
			Entry("get without Keys", labels.Command(liveSvc, "get_room_metadata"), labels.Code(100002), "get_room_metadata", ``),
			Entry("get with a key that is not a string", labels.Command(liveSvc, "get_room_metadata"), labels.Code(100002), "get_room_metadata", `,"Keys":[1]`),
			Entry("delete without Keys", labels.Command(liveSvc, "del_room_metadata"), labels.Code(100002), "del_room_metadata", ``),
			Entry("delete with Keys not a list", labels.Command(liveSvc, "del_room_metadata"), labels.Code(100002), "del_room_metadata", `,"Keys":"key1"`),
		)

		DescribeTable("answers a room that does not exist with 100004",
			func(ctx SpecContext, command, fields string, codes []int) {
				live.expect(ctx, command, `{"RoomId":"`+live.newID()+`"`+fields+`}`, codes...)
			},
			Entry("get_room_metadata", labels.Command(liveSvc, "get_room_metadata"), labels.Code(100004),
				"get_room_metadata", `,"Keys":[]`, []int{catalog.CodeRoomNotFound}),
			Entry("set_room_metadata", labels.Command(liveSvc, "set_room_metadata"), labels.Code(100004),
				"set_room_metadata", `,"Metadata":[{"Key":"k","Value":"v"}]`, []int{catalog.CodeRoomNotFound}),
			// L-14: del_room_metadata's complete table has no 100004.
			Entry("del_room_metadata (or 100002: its table lacks 100004)", labels.Command(liveSvc, "del_room_metadata"), labels.Code(100004, 100002),
				"del_room_metadata", `,"Keys":["k"]`, []int{catalog.CodeRoomNotFound, catalog.CodeInvalidParameter}),
		)
	})
})
