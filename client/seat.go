package client

import (
	"context"

	"github.com/trtc-conformance/trtc-conformance/catalog"
	"github.com/trtc-conformance/trtc-conformance/wire"
)

// GetSeatList calls room_engine_http_mic/get_seat_list and decodes the seats on success.
// Vendor page: https://trtc.io/document/60719 (Get the wire.Seat List).
func (c *Client) GetSeatList(ctx context.Context, roomID string) ([]wire.Seat, *Response, error) {
	resp, err := c.Call(ctx, catalog.ServiceSeat, "get_seat_list", wire.RoomIDRequest{RoomID: roomID})
	if err != nil {
		return nil, resp, err
	}
	var answer wire.GetSeatListResponse
	if err := resp.Decode(&answer); err != nil {
		return nil, resp, err
	}
	return answer.Response.SeatList, resp, nil
}
