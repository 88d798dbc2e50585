package emulator

import (
	"fmt"
	"sort"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// liveGetRoomMetadata implements get_room_metadata: the keys asked for that exist, in the order
// asked, or every key by name when Keys is empty. Vendor page: https://trtc.io/document/64374.
func (e *Emulator) liveGetRoomMetadata(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveGetRoomMetadataRequest) string { return q.RoomID },
		func(q *wire.LiveGetRoomMetadataRequest, r *room) answer {
			keys := q.Keys
			if len(keys) == 0 {
				for key := range r.live.metadata {
					keys = append(keys, key)
				}
				sort.Strings(keys)
			}
			list := []wire.LiveMetadata{}
			seen := map[string]bool{}
			for _, key := range keys {
				if value, exists := r.live.metadata[key]; exists && !seen[key] {
					seen[key] = true
					list = append(list, wire.LiveMetadata{Key: key, Value: value})
				}
			}
			return ok(map[string]any{"Response": map[string]any{"Metadata": list}})
		})
}

// liveSetRoomMetadata implements set_room_metadata: existing keys are overwritten, new ones
// added; a value over 2 KB is 100501, more than 10 keys in the room 100500, values over 16 KB
// in total 100502 (the codes of the del_room_metadata page, docs/errata-live.md L-08). The call
// changes everything or nothing. Vendor page: https://trtc.io/document/64375.
func (e *Emulator) liveSetRoomMetadata(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveSetRoomMetadataRequest) string { return q.RoomID },
		func(q *wire.LiveSetRoomMetadataRequest, r *room) answer {
			next := make(map[string]string, len(r.live.metadata)+len(q.Metadata))
			for key, value := range r.live.metadata {
				next[key] = value
			}
			for _, pair := range q.Metadata {
				next[pair.Key] = pair.Value
			}
			tooMany := func() *answer {
				if len(next) <= liveMaxMetadataKeys {
					return nil
				}
				a := fail(catalog.CodeTooManyMetadataKeys, fmt.Sprintf("Live room %q would hold %d metadata keys; at most %d", r.id, len(next), liveMaxMetadataKeys))
				return &a
			}
			if e.cfg.Choices.MetadataCountCheckedFirst {
				if refusal := tooMany(); refusal != nil {
					return *refusal
				}
			}
			for _, pair := range q.Metadata {
				if len(pair.Value) > liveMaxMetadataValue {
					return fail(catalog.CodeMetadataValueTooBig, fmt.Sprintf("the value of metadata key %q is %d bytes; at most %d", pair.Key, len(pair.Value), liveMaxMetadataValue))
				}
			}
			if refusal := tooMany(); refusal != nil {
				return *refusal
			}
			total := 0
			for _, value := range next {
				total += len(value)
			}
			if total > liveMaxMetadataTotal {
				return fail(catalog.CodeMetadataTooBig, fmt.Sprintf("Live room %q would hold %d bytes of metadata values; at most %d", r.id, total, liveMaxMetadataTotal))
			}
			r.live.metadata = next
			e.emitLiveMetadataSet(restOrigin(c), r, q.Metadata)
			return ok(nil)
		})
}

// liveDelRoomMetadata implements del_room_metadata; deleting a key that does not exist
// changes nothing. Vendor page: https://www.tencentcloud.com/document/product/647/64376.
func (e *Emulator) liveDelRoomMetadata(c *call) answer {
	return withLiveRoom(e, c, func(q *wire.LiveDelRoomMetadataRequest) string { return q.RoomID },
		func(q *wire.LiveDelRoomMetadataRequest, r *room) answer {
			for _, key := range q.Keys {
				delete(r.live.metadata, key)
			}
			e.emitLiveMetadataDeleted(restOrigin(c), r, q.Keys)
			return ok(nil)
		})
}
