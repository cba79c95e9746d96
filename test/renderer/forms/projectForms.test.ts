import { describe, expect, it } from 'vitest'
import {
  createProjectInput,
  firstError,
  isAbsolutePath,
  openProjectInput,
  projectNameRules,
} from '../../../src-renderer/forms/projectForms'

describe('isAbsolutePath', () => {
  it('accepts POSIX, Windows drive and UNC paths and refuses relative ones', () => {
    expect(isAbsolutePath('/home/me/AgPd.mtpstudio')).toBe(true)
    expect(isAbsolutePath('C:\\Users\\me\\p.mtpstudio')).toBe(true)
    expect(isAbsolutePath('d:/data')).toBe(true)
    expect(isAbsolutePath('\\\\server\\share\\p')).toBe(true)
    expect(isAbsolutePath('projects/p.mtpstudio')).toBe(false)
    expect(isAbsolutePath('~/p.mtpstudio')).toBe(false)
  })
})

describe('create project form', () => {
  it('trims the name and leaves the folder out when empty', () => {
    expect(createProjectInput({ name: '  Ag–Pd alloy ', directory: '  ' })).toEqual({ name: 'Ag–Pd alloy' })
    expect(createProjectInput({ name: 'Mo', directory: '/tmp/p ' })).toEqual({ name: 'Mo', directory: '/tmp/p' })
  })

  it('is invalid without a name, with a path in the name, or with a relative folder', () => {
    expect(createProjectInput({ name: '   ', directory: '' })).toBeNull()
    expect(createProjectInput({ name: 'a/b', directory: '' })).toBeNull()
    expect(createProjectInput({ name: 'x'.repeat(201), directory: '' })).toBeNull()
    expect(createProjectInput({ name: 'Mo', directory: 'relative/dir' })).toBeNull()
  })

  it('explains the first problem with a name', () => {
    expect(firstError(projectNameRules, '')).toBe('A name is required')
    expect(firstError(projectNameRules, 'a\\b')).toMatch(/cannot contain/)
    expect(firstError(projectNameRules, 'Mo')).toBeNull()
  })
})

describe('open project form', () => {
  it('needs an absolute path', () => {
    expect(openProjectInput(' /data/Mo.mtpstudio ')).toEqual({ path: '/data/Mo.mtpstudio' })
    expect(openProjectInput('Mo.mtpstudio')).toBeNull()
    expect(openProjectInput('')).toBeNull()
  })
})
