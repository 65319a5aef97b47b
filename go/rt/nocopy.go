package rt

// NoCopy is embedded in generated object structs so that go vet's copylocks check reports
// copies (cp := *obj): a copy shares the handle but not the cleanup, so it fails with
// ferrogo.ErrClosed once the original is collected. It has no state and costs nothing.
type NoCopy struct{}

// Lock is a no-op: it exists for go vet.
func (*NoCopy) Lock() {}

// Unlock is a no-op: it exists for go vet.
func (*NoCopy) Unlock() {}
