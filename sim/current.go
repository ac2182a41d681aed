package sim

// CurrentOf returns the settings of the service named name as last
// changed, like Current does for the entry service, and false when no
// service has that name.
func (s *Sim) CurrentOf(name string) (ServiceSpec, bool) {
	i, ok := s.svcIndex[name]
	if !ok {
		return ServiceSpec{}, false
	}
	return s.services[i].tmpl.spec, true
}
