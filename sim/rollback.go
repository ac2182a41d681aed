package sim

import (
	"slices"
	"time"
)

// observeResponse counts a response the service gave, for the error rate
// the rollback check reads.
func (s *Sim) observeResponse(svc *service, o Outcome) {
	i := int(s.now / time.Second)
	for len(svc.life.responses) <= i {
		svc.life.responses = append(svc.life.responses, 0)
		svc.life.errors = append(svc.life.errors, 0)
	}
	svc.life.responses[i]++
	if !o.Good() {
		svc.life.errors[i]++
	}
}

// deploy starts a rolling update of svc to spec, as a new revision.
func (s *Sim) deploy(svc *service, spec ServiceSpec, what string) {
	svc.tmpl = s.compile(spec, svc.nextVersion())
	svc.updating = true
	surge, unavailable := svc.limits()
	s.logf(LogChange, "rolling update of %s to config v%d started (%d surge, %d unavailable): %s",
		svc.name, svc.tmpl.version, surge, unavailable, what)
	s.noteRevision(svc)
	s.reconcile(svc)
}

// noteRevision records the service's current template as its newest
// revision and, with automatic rollback on, starts watching it.
func (s *Sim) noteRevision(svc *service) {
	svc.life.revisions = append(svc.life.revisions, svc.tmpl)
	svc.life.rolledBack = false
	s.watchDeploy(svc)
}

// watchDeploy starts the error-rate checks of the service's newest deploy.
func (s *Sim) watchDeploy(svc *service) {
	svc.life.watchGen++
	rb := svc.life.rollback
	if rb == nil {
		return
	}
	watch := rb.Watch
	if watch == 0 {
		watch = DefaultRollbackWatch
	}
	svc.life.watchUntil = s.now + watch
	s.q.push(event{at: s.now + rollbackInterval(rb), kind: evLife, sub: uint8(lifeRollbackCheck), index: svc.index, gen: svc.life.watchGen})
}

func rollbackInterval(rb *RollbackSpec) time.Duration {
	if rb.Interval > 0 {
		return rb.Interval
	}
	return DefaultRollbackInterval
}

// rollbackCheck rolls the deploy back if the service's error rate over the
// last window of whole seconds is at or above the threshold.
func (s *Sim) rollbackCheck(svc *service, gen uint32) {
	rb := svc.life.rollback
	if rb == nil || gen != svc.life.watchGen || s.now > svc.life.watchUntil {
		return
	}
	window, minRequests := rb.Window, rb.MinRequests
	if window == 0 {
		window = DefaultRollbackWindow
	}
	if minRequests == 0 {
		minRequests = DefaultRollbackMin
	}
	end := min(int(s.now/time.Second), len(svc.life.responses))
	responses, errors := 0, 0
	for i := max(end-int(window/time.Second), 0); i < end; i++ {
		responses += svc.life.responses[i]
		errors += svc.life.errors[i]
	}
	if responses >= minRequests && float64(errors)*100 >= rb.ErrorPercent*float64(responses) {
		s.logf(LogChange, "automatic rollback: %s answered %d of %d requests with errors over %s (threshold %g%%)",
			svc.name, errors, responses, window, rb.ErrorPercent)
		s.rollBack(svc)
		return
	}
	s.q.push(event{at: s.now + rollbackInterval(rb), kind: evLife, sub: uint8(lifeRollbackCheck), index: svc.index, gen: gen})
}

// rollBack returns the service to its previous revision, as "kubectl
// rollout undo" does: the previous template becomes current again, so its
// pods still running are kept and the others are replaced by a rolling
// update. The previous revision becomes the newest, so a second rollback
// undoes the first. It returns false when there is no previous revision.
func (s *Sim) rollBack(svc *service) bool {
	revs := svc.life.revisions
	if len(revs) < 2 {
		s.logf(LogChange, "rollback of %s skipped: no previous revision", svc.name)
		return false
	}
	target := revs[len(revs)-2]
	svc.life.revisions = append(slices.Delete(slices.Clone(revs), len(revs)-2, len(revs)-1), target)
	svc.life.watchGen++ // a rollback is not watched, so it cannot ping-pong
	svc.life.rolledBack = true
	svc.tmpl = target
	svc.updating = true
	s.logf(LogChange, "rolling back %s to config v%d", svc.name, target.version)
	s.reconcile(svc)
	return true
}
