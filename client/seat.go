package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// SeatsService calls the seat commands of room_engine_http_mic.
type SeatsService service

// GetList calls get_seat_list; the seats are in Response.SeatList.
// Vendor page: https://trtc.io/document/60719
func (s *SeatsService) GetList(ctx context.Context, roomID string) (*wire.GetSeatListResponse, *Response, error) {
	return callTyped[wire.GetSeatListResponse](ctx, s.client, catalog.ServiceSeat, "get_seat_list", wire.RoomIDRequest{RoomID: roomID})
}
