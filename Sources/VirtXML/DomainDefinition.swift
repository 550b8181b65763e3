// placeholder: DomainDefinition arrives with the XML module
