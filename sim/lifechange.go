package sim

import (
	"fmt"
	"strings"
)

// LifecycleChange is the part of a Change that sets the pod lifecycle. It
// is embedded in Change, so its fields sit beside the others in a file.
type LifecycleChange struct {
	// Shutdown replaces the pods' shutdown settings, except an endpoint lag
	// left 0, which keeps the cluster's. Like workers, it reaches running
	// pods through the change's rollout.
	Shutdown *ShutdownSpec `yaml:"shutdown" json:"shutdown,omitempty"`

	// Probes replaces the pods' probes, through the change's rollout.
	Probes *ProbesSpec `yaml:"probes" json:"probes,omitempty"`

	// Autoscale turns the autoscaler on with these settings, at once,
	// whatever the rollout.
	Autoscale *AutoscaleSpec `yaml:"autoscale" json:"autoscale,omitempty"`

	// Rollback turns automatic rollback on, at once. It also starts
	// watching the current revision, so a deploy in progress is checked,
	// unless that revision came from a rollback.
	Rollback *RollbackSpec `yaml:"rollback" json:"rollback,omitempty"`

	// RollbackNow returns the service to its previous revision, as "kubectl
	// rollout undo" does. It cannot be combined with other settings.
	RollbackNow bool `yaml:"rollback_now" json:"rollback_now,omitempty"`

	// Zones replaces the zones new pods are spread over. Running pods stay
	// where they are: combine it with pods or a rolling rollout to move them.
	Zones []string `yaml:"zones" json:"zones,omitempty"`
}

// podSettings reports whether the change sets anything pods carry.
func (c LifecycleChange) podSettings() bool { return c.Shutdown != nil || c.Probes != nil }

// withLifecycle applies the change's pod settings to spec.
func withLifecycle(spec *ServiceSpec, c LifecycleChange) {
	if c.Shutdown != nil {
		lag := spec.Shutdown.EndpointLag
		spec.Shutdown = *c.Shutdown
		if spec.Shutdown.EndpointLag == 0 {
			spec.Shutdown.EndpointLag = lag
		}
	}
	if c.Probes != nil {
		spec.Probes = *c.Probes
	}
}

// applyLifecycle applies the controller settings of a change: autoscaling,
// automatic rollback, zones and a rollback. It returns true when the change
// was a rollback, which replaces everything else.
func (s *Sim) applyLifecycle(svc *service, c LifecycleChange) bool {
	if c.RollbackNow {
		s.rollBack(svc)
		return true
	}
	if c.Autoscale != nil {
		a := withAutoscaleDefaults(*c.Autoscale)
		s.logf(LogChange, "autoscaler on for %s: %d to %d pods at %g%% of workers", svc.name, a.Min, a.Max, a.TargetPercent)
		s.setAutoscale(svc, c.Autoscale)
	}
	if c.Rollback != nil {
		rb := *c.Rollback
		svc.life.rollback = &rb
		s.logf(LogChange, "automatic rollback on for %s at %g%% errors", svc.name, rb.ErrorPercent)
		if !svc.life.rolledBack {
			s.watchDeploy(svc)
		}
	}
	if len(c.Zones) > 0 {
		svc.zones = c.Zones
		s.logf(LogChange, "%s spreads new pods over %s", svc.name, strings.Join(c.Zones, ", "))
	}
	return false
}

// startChangedProbes restarts probing on running pods after a live change
// of the probes.
func (s *Sim) startChangedProbes(svc *service, c LifecycleChange) {
	if c.Probes == nil {
		return
	}
	for _, p := range svc.pods {
		if p.state == podReady {
			s.startProbes(p)
		}
	}
}

// validateLifecycleChange checks the lifecycle part of a change.
func validateLifecycleChange(ps *problems, c Change) {
	lc := c.LifecycleChange
	if lc.Shutdown != nil {
		validateShutdown(ps, "shutdown", *lc.Shutdown)
	}
	if lc.Probes != nil {
		validateProbes(ps, "probes", *lc.Probes)
	}
	if lc.Autoscale != nil {
		validateAutoscale(ps, "autoscale", *lc.Autoscale)
	}
	if lc.Rollback != nil {
		validateRollback(ps, "rollback", *lc.Rollback)
	}
	zones := map[string]bool{}
	for i, z := range lc.Zones {
		if z == "" || zones[z] {
			ps.add(fmt.Sprintf("zones[%d]", i), "is %q; zone names must be unique and not empty", z)
		}
		zones[z] = true
	}
	if lc.RollbackNow && (c.settings() || c.Pods != 0 || lc.Autoscale != nil || lc.Rollback != nil || len(lc.Zones) > 0 || c.Rollout != "") {
		ps.add("rollback_now", "is combined with other settings; a rollback restores the previous revision as it was, so make it a change of its own")
	}
}
