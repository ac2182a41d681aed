package content

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"text/template"
)

//go:embed starter.yaml.tmpl
var starterSource string

var starterTemplate = template.Must(template.New("starter").Parse(starterSource))

// ValidateID returns an error unless id is a valid drill id: lowercase
// letters, digits and single hyphens, at most 64 characters.
func ValidateID(id string) error {
	var ps problemList
	checkID(&ps, "id", id, "drill")
	if len(ps) > 0 {
		return errors.New(ps[0].Message)
	}
	return nil
}

// StarterDrill returns a commented drill file with the id, ready to edit.
// It validates, and it proves: doing nothing breaks its SLO and its
// reference solution meets it.
func StarterDrill(id string) ([]byte, error) {
	if err := ValidateID(id); err != nil {
		return nil, fmt.Errorf("drill id %w", err)
	}
	var b bytes.Buffer
	err := starterTemplate.Execute(&b, struct{ ID, Title string }{id, titleOf(id)})
	if err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// titleOf writes an id as a title: "checkout-db-slow" becomes
// "Checkout db slow".
func titleOf(id string) string {
	words := strings.ReplaceAll(id, "-", " ")
	return strings.ToUpper(words[:1]) + words[1:]
}
