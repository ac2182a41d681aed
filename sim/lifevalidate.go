package sim

import "time"

// validateLifecycle checks a service's shutdown, probes, autoscaler and
// rollback settings; path is the service's path.
func validateLifecycle(ps *problems, path string, svc ServiceSpec) {
	validateShutdown(ps, path+".shutdown", svc.Shutdown)
	validateProbes(ps, path+".probes", svc.Probes)
	if svc.Autoscale != nil {
		validateAutoscale(ps, path+".autoscale", *svc.Autoscale)
	}
	if svc.Rollback != nil {
		validateRollback(ps, path+".rollback", *svc.Rollback)
	}
}

func checkNotNegative(ps *problems, path string, d time.Duration, example string) {
	if d < 0 {
		ps.add(path, "is negative (%s); use 0s for the default or a positive duration such as %s", d, example)
	}
}

func validateShutdown(ps *problems, path string, sd ShutdownSpec) {
	checkNotNegative(ps, path+".pre_stop", sd.PreStop, "10s")
	checkNotNegative(ps, path+".grace_period", sd.GracePeriod, "30s")
	checkNotNegative(ps, path+".endpoint_lag", sd.EndpointLag, "5s")
	grace := sd.GracePeriod
	if grace == 0 {
		grace = DefaultGracePeriod
	}
	if sd.PreStop > 0 && sd.PreStop >= grace {
		ps.add(path+".pre_stop", "is %s, not shorter than the grace period of %s, so the pod would be killed before it drains; shorten it or raise grace_period", sd.PreStop, grace)
	}
}

func validateProbes(ps *problems, path string, p ProbesSpec) {
	for _, pr := range []struct {
		name string
		spec *ProbeSpec
	}{{"liveness", p.Liveness}, {"readiness", p.Readiness}} {
		if pr.spec == nil {
			continue
		}
		pp := path + "." + pr.name
		checkNotNegative(ps, pp+".period", pr.spec.Period, "10s")
		if pr.spec.Period > 0 && pr.spec.Period < time.Second {
			ps.add(pp+".period", "is %s; Kubernetes probes at most once a second, so use 1s or more", pr.spec.Period)
		}
		checkNotNegative(ps, pp+".timeout", pr.spec.Timeout, "1s")
		if pr.spec.FailureThreshold < 0 {
			ps.add(pp+".failure_threshold", "is %d; use 0 for the default of 3 or a positive count", pr.spec.FailureThreshold)
		}
		if pr.spec.SuccessThreshold < 0 {
			ps.add(pp+".success_threshold", "is %d; use 0 for the default of 1 or a positive count", pr.spec.SuccessThreshold)
		}
		if pr.name == "liveness" && pr.spec.SuccessThreshold > 1 {
			ps.add(pp+".success_threshold", "is %d; Kubernetes requires 1 for a liveness probe", pr.spec.SuccessThreshold)
		}
	}
}

func validateAutoscale(ps *problems, path string, a AutoscaleSpec) {
	if a.Min < 0 {
		ps.add(path+".min", "is %d; use 1 or more pods", a.Min)
	}
	if a.Max < 1 || a.Max < a.Min {
		ps.add(path+".max", "is %d; set the most pods the autoscaler may run, at least 1 and at least min (%d)", a.Max, a.Min)
	}
	if !(a.TargetPercent > 0 && a.TargetPercent <= 100) {
		ps.add(path+".target_percent", "is %g; set the worker utilisation to aim for, in percent, such as 60", a.TargetPercent)
	}
	checkNotNegative(ps, path+".sync", a.Sync, "15s")
	if a.Sync > 0 && a.Sync < time.Second {
		ps.add(path+".sync", "is %s; use at least 1s, the resolution of the utilisation the autoscaler reads", a.Sync)
	}
	if a.TolerancePercent < 0 || a.TolerancePercent >= 100 {
		ps.add(path+".tolerance_percent", "is %g; use a percentage from 0 (the default of 10) below 100", a.TolerancePercent)
	}
	checkNotNegative(ps, path+".scale_down_window", a.ScaleDownWindow, "300s")
}

func validateRollback(ps *problems, path string, rb RollbackSpec) {
	if !(rb.ErrorPercent > 0 && rb.ErrorPercent <= 100) {
		ps.add(path+".error_percent", "is %g; set the error rate that triggers a rollback, in percent, such as 5", rb.ErrorPercent)
	}
	checkNotNegative(ps, path+".window", rb.Window, "30s")
	if rb.Window > 0 && rb.Window < time.Second {
		ps.add(path+".window", "is %s; use at least 1s, the resolution of the error counts", rb.Window)
	}
	if rb.MinRequests < 0 {
		ps.add(path+".min_requests", "is %d; use 0 for the default of 20 or a positive count", rb.MinRequests)
	}
	checkNotNegative(ps, path+".interval", rb.Interval, "10s")
	if rb.Interval > 0 && rb.Interval < time.Second {
		ps.add(path+".interval", "is %s; use at least 1s, the resolution of the error counts", rb.Interval)
	}
	checkNotNegative(ps, path+".watch", rb.Watch, "10m")
}
