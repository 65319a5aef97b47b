package rt

import "testing"

// A goroutine registered by its first Wait is woken by a Left on its handle (its channel is
// closed), not by a Left on another handle; Done unregisters it.
func TestBusyWaitersAreWokenByLeftOnTheirHandle(t *testing.T) {
	var w Busy
	w.Wait(7)
	if BusyWaiting() != 1 {
		t.Fatalf("waiting %d after registering", BusyWaiting())
	}
	Left(8)
	select {
	case <-w.ch:
		t.Fatal("woken by a call on another handle")
	default:
	}
	Left(7)
	select {
	case <-w.ch:
	default:
		t.Fatal("not woken by a call on its handle")
	}
	w.Wait(7) // returns at once (woken), registered again
	w.Done()
	if BusyWaiting() != 0 || len(busyChans) != 0 {
		t.Fatalf("after Done: %d waiting, %d channels", BusyWaiting(), len(busyChans))
	}
}

// With nobody waiting, Left costs one atomic load and allocates nothing.
func TestLeftWithoutWaitersAllocatesNothing(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { Left(42) }); n != 0 {
		t.Fatalf("Left allocates %v", n)
	}
}
