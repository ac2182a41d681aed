package sim

import (
	"math"
	"time"
)

// scaleRecommendation is one sync's desired replicas, kept for the
// scale-down stabilisation window.
type scaleRecommendation struct {
	at       time.Duration
	replicas int
}

// setAutoscale turns the service's autoscaler on with a, or off with nil.
// The first sync is one period from now.
func (s *Sim) setAutoscale(svc *service, a *AutoscaleSpec) {
	svc.life.autoscaleGen++
	svc.life.scaleHistory = nil
	if a == nil {
		svc.life.autoscale = nil
		return
	}
	spec := withAutoscaleDefaults(*a)
	svc.life.autoscale = &spec
	s.q.push(event{at: s.now + spec.Sync, kind: evLife, sub: uint8(lifeAutoscale), index: svc.index, gen: svc.life.autoscaleGen})
}

func withAutoscaleDefaults(a AutoscaleSpec) AutoscaleSpec {
	if a.Min == 0 {
		a.Min = 1
	}
	if a.Sync == 0 {
		a.Sync = DefaultAutoscaleSync
	}
	if a.TolerancePercent == 0 {
		a.TolerancePercent = DefaultAutoscaleTolerance
	}
	if a.ScaleDownWindow == 0 {
		a.ScaleDownWindow = DefaultScaleDownWindow
	}
	return a
}

// autoscale is one sync of the service's autoscaler, as the HPA computes
// it: desired = ceil(current × utilisation / target) unless the ratio is
// within the tolerance, a scale-up of at most max(+4, ×2), and a scale-down
// only to the highest recommendation of the stabilisation window.
func (s *Sim) autoscale(svc *service, gen uint32) {
	a := svc.life.autoscale
	if a == nil || gen != svc.life.autoscaleGen {
		return
	}
	s.q.push(event{at: s.now + a.Sync, kind: evLife, sub: uint8(lifeAutoscale), index: svc.index, gen: gen})

	util, ok := s.utilisation(svc, a.Sync)
	if !ok {
		return
	}
	current := svc.replicas
	desired := current
	ratio := util / (a.TargetPercent / 100)
	if math.Abs(ratio-1) > a.TolerancePercent/100 {
		desired = int(math.Ceil(float64(current) * ratio))
	}
	desired = min(max(desired, a.Min), a.Max)
	desired = min(desired, max(current+4, 2*current))

	svc.life.scaleHistory = append(svc.life.scaleHistory, scaleRecommendation{at: s.now, replicas: desired})
	keep := svc.life.scaleHistory[:0]
	for _, r := range svc.life.scaleHistory {
		if r.at > s.now-a.ScaleDownWindow {
			keep = append(keep, r)
		}
	}
	svc.life.scaleHistory = keep
	if desired < current {
		for _, r := range keep {
			desired = max(desired, r.replicas)
		}
		desired = min(desired, current)
	}
	if desired == current {
		return
	}
	s.logf(LogChange, "autoscaler: %s at %.0f%% of its workers (target %g%%), scaling from %d to %d pods",
		svc.name, util*100, a.TargetPercent, current, desired)
	svc.replicas = desired
	s.reconcile(svc)
}

// utilisation returns busy workers over the workers of ready pods, averaged
// over the whole seconds of the last period. It returns false when no
// second has passed or no pod was ready.
func (s *Sim) utilisation(svc *service, period time.Duration) (float64, bool) {
	secs := s.metrics.seconds
	n := int(period / time.Second)
	if n < 1 {
		n = 1
	}
	busy, capacity := 0.0, 0.0
	for i := max(len(secs)-n, 0); i < len(secs); i++ {
		busy += secs[i].Services[svc.index].Busy
		capacity += secs[i].Services[svc.index].Capacity
	}
	if capacity <= 0 {
		return 0, false
	}
	return busy / capacity, true
}
