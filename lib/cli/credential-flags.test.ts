import { describe, expect, it } from 'vitest';
import { CONFIGURE_FLAGS, KIND_REGISTRY, KINDS } from '@/lib/connections/kinds';
import { configureCommand } from './commands/configure';
import { setCredentialsCommand, setIdentityProviderCommand } from './commands/set-credentials';
import { credentialBindings } from './credential-flags';

describe('CLI flags come from the kind registry', () => {
  it('gives every credential field its flag, short form and aliases on the command that sets it', () => {
    for (const kind of KINDS) {
      for (const field of KIND_REGISTRY[kind].fields) {
        const command = field.group === 'identity_provider' ? setIdentityProviderCommand : setCredentialsCommand;
        const option = command.options[field.cli.flag];
        expect(option, `${kind}.${field.name} on ${command.name}`).toBeDefined();
        if (field.cli.short) expect(option.short).toBe(field.cli.short);
        for (const alias of field.cli.aliases ?? []) expect(command.options[alias]).toBeDefined();
        const binding = credentialBindings(field.group === 'identity_provider' ? 'set-identity-provider' : 'set-credentials').find((b) => b.cli.flag === field.cli.flag);
        expect(binding?.field).toBe(field.name);
        expect(binding?.kinds).toContain(kind);
        expect(command.help.join('\n')).toContain(`--${field.cli.flag}`);
      }
    }
  });

  it('has exactly the flags of the registry (plus the common ones), with the ADK’s spellings', () => {
    const fromRegistry = new Set(KINDS.flatMap((k) => KIND_REGISTRY[k].fields.filter((f) => !f.group).flatMap((f) => [f.cli.flag, ...(f.cli.aliases ?? [])])));
    const own = Object.keys(setCredentialsCommand.options).filter((o) => !['app-id', 'env', 'environment', 'user', 'parameter', 'expires-on'].includes(o));
    expect(new Set(own)).toEqual(fromRegistry);
    expect(setCredentialsCommand.options['auth-url']).toBeDefined();
    expect(setCredentialsCommand.options.environment).toBeDefined();
    expect(setIdentityProviderCommand.options.url.short).toBe('u');
    expect(setIdentityProviderCommand.options['token-entries'].short).toBe('t');
    for (const flag of Object.values(CONFIGURE_FLAGS)) {
      expect(configureCommand.options[flag.flag]).toBeDefined();
      for (const alias of flag.aliases ?? []) expect(configureCommand.options[alias]).toBeDefined();
    }
    expect(configureCommand.options['server-url'].short).toBe('u');
    expect(configureCommand.options.sso.short).toBe('s');
    expect(configureCommand.options['config-entries'].short).toBe('e');
  });
});
