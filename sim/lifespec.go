package sim

import "time"

// ShutdownSpec is the behaviour of a pod sent SIGTERM because
// a rolling update replaces it or a scale-down removes it. The zero value is
// a process without graceful shutdown that exits at once.
type ShutdownSpec struct {
	// Graceful makes the process stop accepting new connections on SIGTERM
	// and finish its in-flight and queued requests before it exits, as
	// Spring Boot's server.shutdown=graceful does. Without it the process
	// exits at once and its requests are dropped. Default false.
	Graceful bool `yaml:"graceful" json:"graceful,omitempty"`

	// PreStop is a sleep before SIGTERM reaches the process, as a preStop
	// hook "sleep 10" does. The pod keeps serving during it, so a PreStop at
	// least as long as EndpointLag lets the load balancer stop sending before
	// the process stops accepting. Without Graceful the process still drops
	// its in-flight requests at SIGTERM. It counts against GracePeriod, as in
	// Kubernetes. Default 0 s.
	PreStop time.Duration `yaml:"pre_stop" json:"pre_stop,omitempty"`

	// GracePeriod is how long after the stop begins the pod is killed,
	// whatever it is still doing (terminationGracePeriodSeconds). Default
	// 30 s, the Kubernetes default.
	GracePeriod time.Duration `yaml:"grace_period" json:"grace_period,omitempty"`

	// EndpointLag is how long a pod stays in the load balancer after it
	// stops being ready or starts terminating: the time for the endpoint
	// change to reach every kube-proxy or load balancer. It is a property of
	// the cluster, not of the process, so a change of the shutdown settings
	// that leaves it 0 keeps the current value. Default 3 s, an estimate for
	// in-cluster routing through kube-proxy: the removal is asynchronous
	// and usually takes one to a few seconds. An external load balancer or
	// ingress controller syncing on its own schedule takes longer.
	EndpointLag time.Duration `yaml:"endpoint_lag" json:"endpoint_lag,omitempty"`
}

// Shutdown defaults.
const (
	DefaultGracePeriod = 30 * time.Second
	DefaultEndpointLag = 3 * time.Second
)

// ProbesSpec is the pod's health checks. Each probe is an HTTP request
// answered by the pod's own worker pool, as a Spring Boot actuator endpoint
// on the Tomcat pool is: it waits in the accept queue and needs a free
// worker for ProbeCPU, so a pod whose workers are all stuck fails it.
type ProbesSpec struct {
	// Liveness restarts the container after FailureThreshold failures in a
	// row: in-flight requests are dropped and the pod is back after the
	// restart back-off and its start-up time. Nil means no liveness probe.
	Liveness *ProbeSpec `yaml:"liveness" json:"liveness,omitempty"`

	// Readiness takes the pod out of the load balancer after
	// FailureThreshold failures in a row (the removal takes EndpointLag),
	// and puts it back after SuccessThreshold successes. Nil means no
	// readiness probe: the pod is ready once started and while its process
	// runs.
	Readiness *ProbeSpec `yaml:"readiness" json:"readiness,omitempty"`
}

// ProbeSpec is one probe. Defaults are Kubernetes'.
type ProbeSpec struct {
	// Period is the time between probes. Default 10 s.
	Period time.Duration `yaml:"period" json:"period,omitempty"`

	// Timeout fails a probe that has no response by then. Default 1 s.
	Timeout time.Duration `yaml:"timeout" json:"timeout,omitempty"`

	// FailureThreshold is the failures in a row that fail the probe.
	// Default 3.
	FailureThreshold int `yaml:"failure_threshold" json:"failure_threshold,omitempty"`

	// SuccessThreshold is the successes in a row that pass it again after a
	// failure. Default 1.
	SuccessThreshold int `yaml:"success_threshold" json:"success_threshold,omitempty"`
}

// Probe defaults, from the Kubernetes probe API.
const (
	DefaultProbePeriod      = 10 * time.Second
	DefaultProbeTimeout     = time.Second
	DefaultFailureThreshold = 3
	DefaultSuccessThreshold = 1

	// ProbeCPU is the worker time a probe takes once it has a worker: an
	// actuator health endpoint that checks nothing else. An estimate.
	ProbeCPU = time.Millisecond
)

// AutoscaleSpec is a horizontal pod autoscaler on worker utilisation: busy
// workers over the workers of ready pods, averaged over the last sync
// period. Defaults are the Kubernetes HorizontalPodAutoscaler's.
type AutoscaleSpec struct {
	// Min and Max bound the replicas. Min defaults to 1; Max is required
	// and at least Min.
	Min int `yaml:"min" json:"min,omitempty"`
	Max int `yaml:"max" json:"max"`

	// TargetPercent is the utilisation the autoscaler aims for, in percent.
	// Required.
	TargetPercent float64 `yaml:"target_percent" json:"target_percent"`

	// Sync is the time between two decisions. Default 15 s.
	Sync time.Duration `yaml:"sync" json:"sync,omitempty"`

	// TolerancePercent is how far utilisation may drift from the target, in
	// percent of the target, before the autoscaler acts. Default 10.
	TolerancePercent float64 `yaml:"tolerance_percent" json:"tolerance_percent,omitempty"`

	// ScaleDownWindow is the scale-down stabilisation window: the autoscaler
	// scales down only to the highest recommendation of this window.
	// Default 300 s.
	ScaleDownWindow time.Duration `yaml:"scale_down_window" json:"scale_down_window,omitempty"`
}

// Autoscaler defaults. A scale-up adds at most max(4 pods, 100 % of the
// current replicas) per sync, the HPA's default scale-up policy.
const (
	DefaultAutoscaleSync      = 15 * time.Second
	DefaultAutoscaleTolerance = 10.0
	DefaultScaleDownWindow    = 300 * time.Second
)

// RollbackSpec rolls a deploy back to the previous revision when the
// service's error rate passes a threshold soon after it, in the way an Argo
// Rollouts analysis or a Flagger canary check does. Errors are responses the
// service gave that were not good (5xx, timeouts, rejections, drops). A
// client giving up is not a response of the service, so it is left out.
type RollbackSpec struct {
	// ErrorPercent is the error rate, in percent, at or above which the
	// deploy is rolled back. Required.
	ErrorPercent float64 `yaml:"error_percent" json:"error_percent"`

	// Window is the span of recent responses the error rate is computed
	// over. Default 30 s, an estimate.
	Window time.Duration `yaml:"window" json:"window,omitempty"`

	// MinRequests is the responses the window needs before it can trigger.
	// Default 20, an estimate.
	MinRequests int `yaml:"min_requests" json:"min_requests,omitempty"`

	// Interval is the time between checks. Default 10 s, an estimate.
	Interval time.Duration `yaml:"interval" json:"interval,omitempty"`

	// Watch is how long after a deploy starts the checks run. Default 10 min,
	// an estimate.
	Watch time.Duration `yaml:"watch" json:"watch,omitempty"`
}

// Rollback defaults, all estimates of a typical progressive-delivery setup.
const (
	DefaultRollbackWindow   = 30 * time.Second
	DefaultRollbackMin      = 20
	DefaultRollbackInterval = 10 * time.Second
	DefaultRollbackWatch    = 10 * time.Minute
)
