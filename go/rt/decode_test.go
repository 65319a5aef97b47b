package rt

import (
	"encoding/binary"
	"testing"
)

func encodeStrings(ss ...string) []byte {
	var b []byte
	for _, s := range ss {
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
		b = append(b, s...)
	}
	return b
}

func TestCopyDecoderStringsOutliveThePayload(t *testing.T) {
	payload := encodeStrings("not a digit", "port")
	payload = binary.LittleEndian.AppendUint64(payload, 42)
	d := CopyDecoder(payload)
	msg, field := d.String(), d.String()
	n := d.Uint64()
	for i := range payload {
		payload[i] = 0 // Rust frees or reuses the payload once Go is done
	}
	if msg != "not a digit" || field != "port" || n != 42 {
		t.Fatalf("decoded %q %q %d", msg, field, n)
	}
	if got := d.String(); got != "" {
		t.Fatalf("read past the end = %q, want empty", got)
	}
}

func TestCopyDecoderTruncated(t *testing.T) {
	payload := encodeStrings("abcdef")[:6]
	d := CopyDecoder(payload)
	if got := d.String(); got != "" {
		t.Fatalf("truncated string = %q, want empty", got)
	}
}

func TestMessageOfAliasesThePayload(t *testing.T) {
	payload := encodeStrings("not found", "rest")
	msg := MessageOf(payload)
	if string(msg) != "not found" {
		t.Fatalf("MessageOf = %q", msg)
	}
	if MessageOf(payload[:2]) != nil {
		t.Fatal("MessageOf of a truncated payload is not nil")
	}
}

func TestErrorDone(t *testing.T) {
	var pending, static uint32 = 0, 1
	ErrorDone(&pending)
	ErrorDone(&static)
	if pending != 1 || static != 1 {
		t.Fatalf("done flags = %d %d, want 1 1", pending, static)
	}
}
